#include "recs/eval/scorers.h"

#include "recs/eval/blend_learner.h"
#include "recs/user_knn.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace echotune::recs::eval {
namespace {

class MostPopular final : public Scorer {
 public:
  void Fit(const FoldData& data) override {
    pop_.assign(data.train.cols(), 0.0f);
    for (std::uint32_t u = 0; u < data.train.rows(); ++u) {
      for (std::uint32_t j : data.train.RowIndices(u)) pop_[j] += 1.0f;
    }
  }
  void Score(std::uint32_t, std::span<float> scores) const override {
    std::copy(pop_.begin(), pop_.end(), scores.begin());
  }

 private:
  std::vector<float> pop_;
};

// Item-kNN and RP3beta: a neighbour graph scattered from the user's items.
class GraphScorer final : public Scorer {
 public:
  template <typename Params, typename Learn>
  GraphScorer(Params params, Learn learn)
      : learn_([params, learn](const CsrMatrix& x) { return learn(x, params); }) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    graph_ = learn_(data.train);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    ScatterNeighbours(graph_, train_->RowIndices(user), train_->RowValues(user), scores);
  }

 private:
  std::function<CsrMatrix(const CsrMatrix&)> learn_;
  const CsrMatrix* train_ = nullptr;
  CsrMatrix graph_;
};

class EaseScorer final : public Scorer {
 public:
  explicit EaseScorer(EaseParams params) : params_(params) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    model_ = EaseModel::Fit(data.train, params_);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    model_.Score(train_->RowIndices(user), train_->RowValues(user), scores);
  }

 private:
  EaseParams params_;
  const CsrMatrix* train_ = nullptr;
  EaseModel model_;
};

class LowRankEaseScorer final : public Scorer {
 public:
  explicit LowRankEaseScorer(LowRankEaseParams params) : params_(params) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    model_ = LowRankEaseModel::Fit(data.train, params_);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    model_.ScoreAll(model_.Project(train_->RowIndices(user), train_->RowValues(user)), scores);
  }

 private:
  LowRankEaseParams params_;
  const CsrMatrix* train_ = nullptr;
  LowRankEaseModel model_;
};

class IalsScorer final : public Scorer {
 public:
  explicit IalsScorer(IalsParams params) : params_(params) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    model_ = IalsModel::Fit(data.train, params_);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    model_.Score(train_->RowIndices(user), train_->RowValues(user), scores);
  }

 private:
  IalsParams params_;
  const CsrMatrix* train_ = nullptr;
  IalsModel model_;
};

class SemanticScorer final : public Scorer {
 public:
  explicit SemanticScorer(EmbeddingParams params) : params_(params) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    emb_ = LearnEmbeddings(data.train, data.item_tags, params_);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    std::vector<float> query(emb_.dim, 0.0f);
    auto items = train_->RowIndices(user);
    auto weights = train_->RowValues(user);
    for (std::size_t k = 0; k < items.size(); ++k) {
      auto v = emb_.Item(items[k]);
      for (std::uint32_t d = 0; d < emb_.dim; ++d) query[d] += weights[k] * v[d];
    }
    Normalise(query);
    SimilarityScan(emb_, query, scores);
  }

 private:
  EmbeddingParams params_;
  const CsrMatrix* train_ = nullptr;
  Embeddings emb_;
};

class UserKnnScorer final : public Scorer {
 public:
  explicit UserKnnScorer(UserKnnParams params) : params_(params) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    item_user_ = data.train.Transposed();
    norms_ = RowNorms(data.train);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    std::vector<float> scratch(train_->rows(), 0.0f);
    ScoreUserKnn(*train_, item_user_, norms_, train_->RowIndices(user), train_->RowValues(user), user, params_,
                 scratch, scores);
  }

 private:
  UserKnnParams params_;
  const CsrMatrix* train_ = nullptr;
  CsrMatrix item_user_;
  std::vector<float> norms_;
};

class Blend final : public Scorer {
 public:
  explicit Blend(std::vector<BlendPart> parts) : parts_(std::move(parts)) {}
  void Fit(const FoldData& data) override {
    train_ = &data.train;
    scale_ = ActivityScale::Of(data.train);
  }
  void Score(std::uint32_t user, std::span<float> scores) const override {
    std::vector<float> part(scores.size());
    auto known = train_->RowIndices(user);
    const float activity = scale_.Activity(known.size());
    for (const BlendPart& p : parts_) {
      const float weight = p.weight * std::max(0.0f, 1.0f + p.tilt * activity);
      if (!(weight > 0)) continue;
      std::fill(part.begin(), part.end(), 0.0f);
      p.scorer->Score(user, part);
      for (std::uint32_t j : known) part[j] = 0.0f;
      float mx = *std::max_element(part.begin(), part.end());
      if (!(mx > 0)) continue;
      const float w = weight / mx;
      for (std::size_t j = 0; j < part.size(); ++j) scores[j] += w * part[j];
    }
  }

 private:
  std::vector<BlendPart> parts_;
  const CsrMatrix* train_ = nullptr;
  ActivityScale scale_;
};

}  // namespace

std::unique_ptr<Scorer> MakeMostPopular() { return std::make_unique<MostPopular>(); }
std::unique_ptr<Scorer> MakeItemKnn(ItemKnnParams params) {
  return std::make_unique<GraphScorer>(params, [](const CsrMatrix& x, const ItemKnnParams& p) { return ItemKnn(x, p); });
}
std::unique_ptr<Scorer> MakeRp3beta(Rp3betaParams params) {
  return std::make_unique<GraphScorer>(params, [](const CsrMatrix& x, const Rp3betaParams& p) { return Rp3beta(x, p); });
}
std::unique_ptr<Scorer> MakeUserKnn(UserKnnParams params) { return std::make_unique<UserKnnScorer>(params); }
std::unique_ptr<Scorer> MakeEase(EaseParams params) { return std::make_unique<EaseScorer>(params); }
std::unique_ptr<Scorer> MakeLowRankEase(LowRankEaseParams params) {
  return std::make_unique<LowRankEaseScorer>(params);
}
std::unique_ptr<Scorer> MakeSemantic(EmbeddingParams params) { return std::make_unique<SemanticScorer>(params); }
std::unique_ptr<Scorer> MakeIals(IalsParams params) { return std::make_unique<IalsScorer>(params); }
std::unique_ptr<Scorer> MakeBlend(std::vector<BlendPart> parts) { return std::make_unique<Blend>(std::move(parts)); }

}  // namespace echotune::recs::eval
