#include "api/listen_input.h"

#include <unordered_map>

#include "model/json_reader.h"

namespace echotune::api {
namespace {

void ReadContext(model::JsonReader& item, ListenInput& in) {
  if (!item.Has("context")) return;
  model::JsonReader ctx = item.Child("context");
  in.listen.context.context_type = ctx.OptEnum<model::ContextType>("contextType");
  in.listen.context.context_uri = ctx.OptString("contextUri");
  in.listen.context.device_type = ctx.OptEnum<model::DeviceType>("deviceType");
  in.skipped = in.skipped || ctx.Bool("skipped", false);
}

ListenInput ReadListen(model::JsonReader& item) {
  ListenInput in;
  in.listen.track_id = item.String("trackId");
  if (in.listen.track_id.empty()) item.Fail("trackId", "must not be empty");
  in.listen.played_at = item.Date("playedAt");
  auto duration = item.OptInt("durationMs");
  if (duration && *duration < 0) item.Fail("durationMs", "must be >= 0");
  in.has_duration = duration.has_value();
  in.listen.duration_ms = duration.value_or(0);
  in.listen.track_name = item.OptString("trackName").value_or("");
  in.listen.artist_name = item.OptString("artistName").value_or("");
  in.listen.album_name = item.OptString("albumName").value_or("");
  in.has_names = !in.listen.track_name.empty() && !in.listen.artist_name.empty();
  in.skipped = item.Bool("skipped", false) || (duration && *duration < kSkipThresholdMs);
  ReadContext(item, in);
  in.listen.skip_count = in.skipped ? 1 : 0;
  return in;
}

}  // namespace

core::Result<std::vector<ListenInput>> ParseListens(const boost::json::value& body) {
  if (!body.is_object()) return core::Error::Validation("body", "the body must be a JSON object");
  const auto* listens = body.as_object().if_contains("listens");
  if (!listens || !listens->is_array() || listens->as_array().empty()) {
    return core::Error::Validation("listens", "listens must be a non-empty array");
  }
  if (listens->as_array().size() > kMaxListensPerBatch) {
    return core::Error::Validation("listens", "at most 1000 listens per request");
  }
  model::JsonReader reader(body);
  std::vector<ListenInput> out;
  reader.Each("listens", [&out](model::JsonReader& item, size_t) { out.push_back(ReadListen(item)); });
  if (auto s = reader.status(); !s.ok()) return std::move(s).error();
  return out;
}

core::Status FillFromCatalogue(std::vector<ListenInput>& inputs,
                               const std::vector<model::TrackMetadata>& catalogue) {
  std::unordered_map<std::string, const model::TrackMetadata*> by_id;
  for (const auto& t : catalogue) by_id[t.spotify_id] = &t;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto& l = inputs[i].listen;
    auto it = by_id.find(l.track_id);
    if (it == by_id.end()) {
      if (inputs[i].has_names) continue;
      return core::Error::Validation("listens[" + std::to_string(i) + "].trackName",
                                     "unknown track: send trackName and artistName");
    }
    const model::TrackMetadata& t = *it->second;
    if (l.track_name.empty()) l.track_name = t.name;
    if (l.artist_name.empty() && !t.artists.empty()) l.artist_name = t.artists.front().name;
    if (l.album_name.empty() && t.album && t.album->name) l.album_name = *t.album->name;
    if (!inputs[i].has_duration && t.duration_ms) l.duration_ms = *t.duration_ms;
    if (l.popularity == std::nullopt) l.popularity = t.popularity;
  }
  return core::Ok();
}

}  // namespace echotune::api
