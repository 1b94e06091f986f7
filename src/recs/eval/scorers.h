// The models compared by `echotune eval`, behind one small interface: fit on a
// fold's training matrix, then score every item for one user.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "recs/csr_matrix.h"
#include "recs/ease.h"
#include "recs/ease_lowrank.h"
#include "recs/embeddings.h"
#include "recs/ials.h"
#include "recs/item_similarity.h"
#include "recs/user_knn.h"

namespace echotune::recs::eval {

struct FoldData {
  const CsrMatrix& train;      // users × items, implicit weights
  const CsrMatrix& item_tags;  // items × tags
};

class Scorer {
 public:
  virtual ~Scorer() = default;
  virtual void Fit(const FoldData& data) = 0;
  // REQUIRES: Fit called; scores.size() == item count, zero-filled. Higher is
  // better; 0 means "no opinion". Thread-safe after Fit.
  virtual void Score(std::uint32_t user, std::span<float> scores) const = 0;
};

std::unique_ptr<Scorer> MakeMostPopular();
std::unique_ptr<Scorer> MakeItemKnn(ItemKnnParams params);
std::unique_ptr<Scorer> MakeRp3beta(Rp3betaParams params);
std::unique_ptr<Scorer> MakeEase(EaseParams params);
std::unique_ptr<Scorer> MakeLowRankEase(LowRankEaseParams params);
std::unique_ptr<Scorer> MakeUserKnn(UserKnnParams params);
std::unique_ptr<Scorer> MakeSemantic(EmbeddingParams params);
// iALS; a user is scored by folding their training row into the item factors.
std::unique_ptr<Scorer> MakeIals(IalsParams params);

struct BlendPart {
  const Scorer* scorer;  // not owned; must outlive the blend
  float weight;
  // The weight becomes weight · max(0, 1 + tilt · a_u) for a user whose
  // standardised log training-row size is a_u (blend_learner.h).
  float tilt = 0.0f;
};

// Per user, each part's scores are divided by that part's maximum over the
// items not yet known (so each lies in [.., 1]) and summed with the weights.
// Fit() only measures the training rows' sizes (for the tilts): the parts are
// fitted by their owner.
std::unique_ptr<Scorer> MakeBlend(std::vector<BlendPart> parts);

}  // namespace echotune::recs::eval
