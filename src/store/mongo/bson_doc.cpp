#include "store/mongo/bson_doc.h"

#include <cstring>

namespace echotune::store::mongo {
namespace {

int KeyLen(std::string_view key) { return static_cast<int>(key.size()); }

}  // namespace

Bson::Bson() : doc_(bson_new()) {}

Bson::~Bson() {
  if (doc_) bson_destroy(doc_);
}

Bson& Bson::operator=(Bson&& other) noexcept {
  if (this != &other) {
    if (doc_) bson_destroy(doc_);
    doc_ = other.doc_;
    other.doc_ = nullptr;
  }
  return *this;
}

Bson Bson::Adopt(bson_t* doc) { return Bson(doc); }

Bson Bson::CopyOf(const bson_t* doc) { return Bson(bson_copy(doc)); }

std::string Bson::ToJson() const {
  size_t len = 0;
  char* json = bson_as_relaxed_extended_json(doc_, &len);
  std::string out(json ? json : "", json ? len : 0);
  bson_free(json);
  return out;
}

bool BsonView::Iter(bson_iter_t* it) const {
  if (data_ == nullptr) return false;
  return bson_iter_init_from_data(it, data_, len_);
}

bool BsonView::Find(const char* key, bson_iter_t* it) const {
  return Iter(it) && bson_iter_find(it, key);
}

bool BsonView::Has(const char* key) const {
  bson_iter_t it;
  return Find(key, &it);
}

std::optional<std::string> BsonView::String(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_UTF8(&it)) return std::nullopt;
  uint32_t len = 0;
  const char* s = bson_iter_utf8(&it, &len);
  return std::string(s, len);
}

std::optional<core::ObjectId> BsonView::Oid(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_OID(&it)) return std::nullopt;
  return ToObjectId(*bson_iter_oid(&it));
}

std::optional<core::TimePoint> BsonView::Time(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_DATE_TIME(&it)) return std::nullopt;
  return FromBsonMillis(bson_iter_date_time(&it));
}

std::optional<double> BsonView::Double(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_NUMBER(&it)) return std::nullopt;
  return bson_iter_as_double(&it);
}

std::optional<int64_t> BsonView::Int(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it)) return std::nullopt;
  if (BSON_ITER_HOLDS_INT32(&it) || BSON_ITER_HOLDS_INT64(&it)) return bson_iter_as_int64(&it);
  if (BSON_ITER_HOLDS_DOUBLE(&it)) return static_cast<int64_t>(bson_iter_double(&it));
  return std::nullopt;
}

std::optional<bool> BsonView::Bool(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_BOOL(&it)) return std::nullopt;
  return bson_iter_bool(&it);
}

std::optional<BsonView> BsonView::Document(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_DOCUMENT(&it)) return std::nullopt;
  uint32_t len = 0;
  const uint8_t* data = nullptr;
  bson_iter_document(&it, &len, &data);
  return BsonView(data, len);
}

std::optional<BsonView> BsonView::Array(const char* key) const {
  bson_iter_t it;
  if (!Find(key, &it) || !BSON_ITER_HOLDS_ARRAY(&it)) return std::nullopt;
  uint32_t len = 0;
  const uint8_t* data = nullptr;
  bson_iter_array(&it, &len, &data);
  return BsonView(data, len);
}

std::vector<BsonView> BsonView::Documents() const {
  std::vector<BsonView> out;
  bson_iter_t it;
  if (!Iter(&it)) return out;
  while (bson_iter_next(&it)) {
    if (!BSON_ITER_HOLDS_DOCUMENT(&it)) continue;
    uint32_t len = 0;
    const uint8_t* data = nullptr;
    bson_iter_document(&it, &len, &data);
    out.emplace_back(data, len);
  }
  return out;
}

std::vector<std::string> BsonView::Strings() const {
  std::vector<std::string> out;
  bson_iter_t it;
  if (!Iter(&it)) return out;
  while (bson_iter_next(&it)) {
    if (!BSON_ITER_HOLDS_UTF8(&it)) continue;
    uint32_t len = 0;
    const char* s = bson_iter_utf8(&it, &len);
    out.emplace_back(s, len);
  }
  return out;
}

std::vector<std::string> BsonView::StringList(const char* key) const {
  auto arr = Array(key);
  return arr ? arr->Strings() : std::vector<std::string>{};
}

std::string ArrayKey(uint32_t index) {
  char buf[16];
  const char* key = nullptr;
  size_t len = bson_uint32_to_string(index, &key, buf, sizeof buf);
  return std::string(key, len);
}

void AppendOid(bson_t* doc, std::string_view key, const core::ObjectId& id) {
  bson_oid_t oid = ToBsonOid(id);
  bson_append_oid(doc, key.data(), KeyLen(key), &oid);
}

void AppendTime(bson_t* doc, std::string_view key, core::TimePoint t) {
  bson_append_date_time(doc, key.data(), KeyLen(key), ToBsonMillis(t));
}

void AppendString(bson_t* doc, std::string_view key, std::string_view value) {
  bson_append_utf8(doc, key.data(), KeyLen(key), value.data(), static_cast<int>(value.size()));
}

void AppendInt(bson_t* doc, std::string_view key, int64_t value) {
  bson_append_int64(doc, key.data(), KeyLen(key), value);
}

void AppendDouble(bson_t* doc, std::string_view key, double value) {
  bson_append_double(doc, key.data(), KeyLen(key), value);
}

void AppendBool(bson_t* doc, std::string_view key, bool value) {
  bson_append_bool(doc, key.data(), KeyLen(key), value);
}

void AppendNull(bson_t* doc, std::string_view key) {
  bson_append_null(doc, key.data(), KeyLen(key));
}

void AppendDoc(bson_t* doc, std::string_view key, const bson_t* child) {
  bson_append_document(doc, key.data(), KeyLen(key), child);
}

void AppendStrings(bson_t* doc, std::string_view key, const std::vector<std::string>& values) {
  AppendArray(doc, key, [&](bson_t* arr) {
    for (uint32_t i = 0; i < values.size(); ++i) AppendString(arr, ArrayKey(i), values[i]);
  });
}

core::ObjectId ToObjectId(const bson_oid_t& oid) {
  std::array<uint8_t, 12> bytes{};
  std::memcpy(bytes.data(), oid.bytes, bytes.size());
  return core::ObjectId(bytes);
}

bson_oid_t ToBsonOid(const core::ObjectId& id) {
  bson_oid_t oid;
  std::memcpy(oid.bytes, id.bytes().data(), sizeof oid.bytes);
  return oid;
}

int64_t ToBsonMillis(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

core::TimePoint FromBsonMillis(int64_t ms) {
  return core::TimePoint(std::chrono::milliseconds(ms));
}

}  // namespace echotune::store::mongo
