#include "model/listen.h"

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

core::Status Validate(const Listen& l, std::string_view prefix) {
  std::string p(prefix);
  Checker c;
  if (l.user_id.IsZero()) c.Fail(p + "userId", p + "userId is required");
  c.Required(p + "trackId", l.track_id)
      .Required(p + "trackName", l.track_name)
      .Required(p + "artistName", l.artist_name);
  if (l.played_at == core::TimePoint{}) c.Fail(p + "playedAt", p + "playedAt is required");
  c.IntRange(p + "durationMs", l.duration_ms, 0, INT64_MAX / 2)
      .IntRange(p + "popularity", l.popularity, 0, 100)
      .IntRange(p + "skip_count", l.skip_count, 0, INT64_MAX / 2)
      .IntRange(p + "repeat_count", l.repeat_count, 0, INT64_MAX / 2);
  return c.Done();
}

json::object ToJson(const Listen& l) {
  json::object o;
  o["_id"] = l.id.ToHex();
  o["userId"] = l.user_id.ToHex();
  o["trackId"] = l.track_id;
  o["trackName"] = l.track_name;
  o["artistName"] = l.artist_name;
  o["albumName"] = l.album_name;
  PutDate(o, "playedAt", l.played_at);
  o["durationMs"] = l.duration_ms;
  PutInt(o, "popularity", l.popularity);
  json::object ctx;
  ctx["context_type"] = l.context.context_type
                            ? json::value(ToString(*l.context.context_type))
                            : json::value(nullptr);
  PutString(ctx, "context_uri", l.context.context_uri);
  PutEnum(ctx, "device_type", l.context.device_type);
  o["context"] = std::move(ctx);
  o["skip_count"] = l.skip_count;
  o["repeat_count"] = l.repeat_count;
  PutDate(o, "createdAt", l.created_at);
  return o;
}

core::Result<Listen> ListenFromJson(const json::value& value) {
  JsonReader r(value);
  Listen l;
  l.id = r.OptId("_id").value_or(core::ObjectId{});
  l.user_id = r.OptId("userId").value_or(core::ObjectId{});
  l.track_id = r.String("trackId");
  l.track_name = r.String("trackName");
  l.artist_name = r.String("artistName");
  l.album_name = r.String("albumName");
  l.played_at = r.Date("playedAt");
  if (!r.Has("durationMs")) r.Missing("durationMs");
  l.duration_ms = r.Int("durationMs", 0);
  l.popularity = r.OptInt("popularity");
  JsonReader ctx = r.Child("context");
  l.context.context_type = ctx.OptEnum<ContextType>("context_type");
  l.context.context_uri = ctx.OptString("context_uri");
  l.context.device_type = ctx.OptEnum<DeviceType>("device_type");
  l.skip_count = r.Int("skip_count", 0);
  l.repeat_count = r.Int("repeat_count", 0);
  l.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return l;
}

}  // namespace echotune::model
