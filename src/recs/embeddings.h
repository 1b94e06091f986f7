// Item embeddings: a truncated randomized SVD (Halko et al. 2011) of an
// item × (listeners ∪ tags/genres) matrix with tf-idf style weights, so items
// with shared listeners or shared tags land close together. Rows are
// L2-normalised; nearest neighbours are an exact scan (SimilarityScan).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "recs/csr_matrix.h"

namespace echotune::recs {

struct EmbeddingParams {
  std::uint32_t dim = 48;
  std::uint32_t oversample = 16;
  std::uint32_t power_iterations = 2;
  float tag_weight = 1.0f;  // weight of the tag/genre block relative to listeners
  std::uint64_t seed = 7;
};

// Row-major items × dim floats plus the dim × tags projection used to map
// tag/genre/mood words into the same space.
struct Embeddings {
  std::uint32_t items = 0;
  std::uint32_t dim = 0;
  std::vector<float> item_vectors;  // items × dim, unit rows (zero rows for unseen items)
  std::vector<float> item_columns;  // the same values dim-major (dim × items), for SimilarityScan
  std::vector<float> tag_vectors;   // tags × dim, unit rows
  std::span<const float> Item(std::uint32_t i) const { return {item_vectors.data() + std::size_t{i} * dim, dim}; }
  std::span<const float> Tag(std::uint32_t t) const { return {tag_vectors.data() + std::size_t{t} * dim, dim}; }
};

// user_item: users × items weights; item_tags: items × tags counts (may have 0 cols).
// Deterministic for a seed. Thread-safe (pure).
Embeddings LearnEmbeddings(const CsrMatrix& user_item, const CsrMatrix& item_tags, const EmbeddingParams& params);

// scores[i] = <query, item_vectors[i]> for every item: a blocked scan of the
// dim-major columns that the compiler vectorises without horizontal sums.
// REQUIRES: query.size() == dim, scores.size() == items.
void SimilarityScan(const Embeddings& e, std::span<const float> query, std::span<float> scores);
// The same for the listed items only (a context pool); scores of other items
// are left as they were. REQUIRES: every id < items.
void SimilarityScan(const Embeddings& e, std::span<const float> query, std::span<const std::uint32_t> ids,
                    std::span<float> scores);

// In-place L2 normalisation; leaves a zero vector unchanged.
void Normalise(std::span<float> v);

}  // namespace echotune::recs
