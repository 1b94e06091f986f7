// Bson: an owned, heap-allocated BSON document (bson_t is self-referential, so it
// is never moved by value; the handle is). BsonView: a non-owning reader over
// BSON bytes with typed, tolerant field lookups. Append*: builders that write
// EchoTune's value types (ObjectId, TimePoint) as native BSON types.
// Not thread-safe; a document belongs to one thread at a time.
#pragma once

#include <bson/bson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"

namespace echotune::store::mongo {

// (bson_t carries an alignment attribute, so it is kept out of template
// arguments: Bson owns it by hand instead of through std::unique_ptr.)
class Bson {
 public:
  Bson();  // an empty document
  ~Bson();
  Bson(Bson&& other) noexcept : doc_(other.doc_) { other.doc_ = nullptr; }
  Bson& operator=(Bson&& other) noexcept;
  Bson(const Bson&) = delete;
  Bson& operator=(const Bson&) = delete;
  // Takes ownership of `doc` (from bson_new() or a libmongoc "out" document).
  static Bson Adopt(bson_t* doc);
  static Bson CopyOf(const bson_t* doc);

  bson_t* get() { return doc_; }
  const bson_t* get() const { return doc_; }
  // Relaxed extended JSON, for diagnostics and tests.
  std::string ToJson() const;

 private:
  explicit Bson(bson_t* doc) : doc_(doc) {}
  bson_t* doc_;  // owned; null only after a move
};

// Reads fields of a document or array it does not own.
// REQUIRES: the bytes outlive the view.
class BsonView {
 public:
  BsonView() = default;
  explicit BsonView(const bson_t* doc) : data_(bson_get_data(doc)), len_(doc->len) {}
  BsonView(const uint8_t* data, uint32_t len) : data_(data), len_(len) {}

  bool empty() const { return data_ == nullptr || len_ <= 5; }
  const uint8_t* data() const { return data_; }
  uint32_t size() const { return len_; }
  bool Has(const char* key) const;
  // Each lookup returns nullopt when the field is missing or has another type.
  std::optional<std::string> String(const char* key) const;
  std::optional<core::ObjectId> Oid(const char* key) const;
  std::optional<core::TimePoint> Time(const char* key) const;
  std::optional<double> Double(const char* key) const;  // any numeric type
  std::optional<int64_t> Int(const char* key) const;    // any integral type
  std::optional<bool> Bool(const char* key) const;
  std::optional<BsonView> Document(const char* key) const;
  std::optional<BsonView> Array(const char* key) const;
  // The elements of this view when it is an array of documents / strings.
  std::vector<BsonView> Documents() const;
  std::vector<std::string> Strings() const;
  // A view of a string-array field; empty when missing.
  std::vector<std::string> StringList(const char* key) const;

  // REQUIRES: !empty() or a zero-length iterator is acceptable.
  bool Iter(bson_iter_t* it) const;
  bool Find(const char* key, bson_iter_t* it) const;

 private:
  const uint8_t* data_ = nullptr;
  uint32_t len_ = 0;
};

// Array element keys "0", "1", ... as libbson requires them.
std::string ArrayKey(uint32_t index);

void AppendOid(bson_t* doc, std::string_view key, const core::ObjectId& id);
void AppendTime(bson_t* doc, std::string_view key, core::TimePoint t);
void AppendString(bson_t* doc, std::string_view key, std::string_view value);
void AppendInt(bson_t* doc, std::string_view key, int64_t value);
void AppendDouble(bson_t* doc, std::string_view key, double value);
void AppendBool(bson_t* doc, std::string_view key, bool value);
void AppendNull(bson_t* doc, std::string_view key);
void AppendDoc(bson_t* doc, std::string_view key, const bson_t* child);
void AppendStrings(bson_t* doc, std::string_view key, const std::vector<std::string>& values);
// Appends a sub-document / array filled by `fill(bson_t* child)`.
template <typename Fill>
void AppendDocument(bson_t* doc, std::string_view key, Fill&& fill) {
  bson_t child;
  bson_append_document_begin(doc, key.data(), static_cast<int>(key.size()), &child);
  fill(&child);
  bson_append_document_end(doc, &child);
}
template <typename Fill>
void AppendArray(bson_t* doc, std::string_view key, Fill&& fill) {
  bson_t child;
  bson_append_array_begin(doc, key.data(), static_cast<int>(key.size()), &child);
  fill(&child);
  bson_append_array_end(doc, &child);
}

core::ObjectId ToObjectId(const bson_oid_t& oid);
bson_oid_t ToBsonOid(const core::ObjectId& id);
int64_t ToBsonMillis(core::TimePoint t);
core::TimePoint FromBsonMillis(int64_t ms);

}  // namespace echotune::store::mongo
