#include "store/mongo/document_codec.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/time_format.h"
#include "model/chat_session.h"
#include "store/mongo/json_bson.h"

namespace echotune::store::mongo {
namespace {

namespace json = boost::json;

bson_type_t TypeAt(const Bson& doc, const char* dotted) {
  bson_iter_t it, found;
  if (!bson_iter_init(&it, doc.get()) || !bson_iter_find_descendant(&it, dotted, &found)) return BSON_TYPE_EOD;
  return bson_iter_type(&found);
}

TEST(DocumentCodec, StoresContractIdsAndDatesAsNativeTypes) {
  auto doc = EncodeDocument(json::parse(R"({"_id":"665a1b2c3d4e5f6a7b8c9d0e","userId":"665a1b2c3d4e5f6a7b8c9d0f",
      "playedAt":"2024-01-15T14:20:00.000Z","tracks":[{"addedAt":"2024-01-15T14:20:00.000Z"}],
      "messages":[{"timestamp":"2024-01-15T14:20:00.000Z"}]})").as_object());
  EXPECT_EQ(TypeAt(doc, "_id"), BSON_TYPE_OID);
  EXPECT_EQ(TypeAt(doc, "userId"), BSON_TYPE_OID);
  EXPECT_EQ(TypeAt(doc, "playedAt"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(TypeAt(doc, "tracks.0.addedAt"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(TypeAt(doc, "messages.0.timestamp"), BSON_TYPE_DATE_TIME);
}

TEST(DocumentCodec, LeavesLookalikesInFreeFormPayloadsAsStrings) {
  auto doc = EncodeDocument(json::parse(R"({"metadata":{"createdAt":"2024-01-15T14:20:00.000Z",
      "userId":"665a1b2c3d4e5f6a7b8c9d0e"},"name":"2024-01-15"})").as_object());
  EXPECT_EQ(TypeAt(doc, "metadata.createdAt"), BSON_TYPE_UTF8);
  EXPECT_EQ(TypeAt(doc, "metadata.userId"), BSON_TYPE_UTF8);
  EXPECT_EQ(TypeAt(doc, "name"), BSON_TYPE_UTF8);
}

TEST(DocumentCodec, RoundTripsNumbersNullsAndNesting) {
  json::object in = json::parse(R"({"a":1,"b":2.5,"c":true,"d":null,"e":[1,"x",{"f":-3}],
      "g":{"h":[]},"i":"text"})").as_object();
  EXPECT_EQ(DecodeDocument(BsonView(EncodeDocument(in).get())), json::value(in));
}

TEST(DocumentCodec, DecodesIdsAsHexAndDatesAsIso8601) {
  auto doc = EncodeDocument(json::parse(R"({"_id":"665a1b2c3d4e5f6a7b8c9d0e",
      "createdAt":"2024-01-15T14:20:00.123Z"})").as_object());
  auto back = DecodeDocument(BsonView(doc.get())).as_object();
  EXPECT_EQ(back.at("_id").as_string(), "665a1b2c3d4e5f6a7b8c9d0e");
  EXPECT_EQ(back.at("createdAt").as_string(), "2024-01-15T14:20:00.123Z");
}

TEST(DocumentCodec, AChatSessionSurvivesTheRoundTrip) {
  model::ChatSession s;
  s.id = core::ObjectId::Generate();
  s.session_id = "abc";
  s.user_id = core::ObjectId::Generate();
  s.created_at = s.start_time = s.last_activity = *core::ParseIso8601("2024-01-15T14:20:00.000Z");
  s.messages.push_back({model::Role::kUser, "hi", s.created_at, {}});
  s.message_count = 1;
  s.context.spotify_data["device"] = "phone";
  auto back = model::ChatSessionFromJson(DecodeDocument(BsonView(EncodeDocument(model::ToJson(s)).get())));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(model::ToJson(*back), model::ToJson(s));
}

TEST(BsonView, TypedLookupsRefuseOtherTypes) {
  Bson doc;
  AppendString(doc.get(), "s", "x");
  AppendInt(doc.get(), "n", 7);
  BsonView v(doc.get());
  EXPECT_EQ(v.String("s"), "x");
  EXPECT_EQ(v.Int("n"), 7);
  EXPECT_EQ(v.Double("n"), 7.0);
  EXPECT_FALSE(v.String("n").has_value());
  EXPECT_FALSE(v.Time("s").has_value());
  EXPECT_FALSE(v.Oid("missing").has_value());
}

}  // namespace
}  // namespace echotune::store::mongo
