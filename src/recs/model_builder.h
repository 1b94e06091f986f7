// Builds the engine's model from plain inputs: the item side (ItemModel) and
// one UserProfile per user. Pure functions; run them on a worker thread.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "recs/item_model.h"
#include "recs/model_config.h"
#include "recs/user_profile.h"

namespace echotune::recs {

using UserTable = std::unordered_map<std::string, std::shared_ptr<const UserProfile>>;

struct BuiltModel {
  std::shared_ptr<const ItemModel> items;
  UserTable users;
  // The users × items weights, kept when iALS or the low-rank EASE is to be
  // fitted after the build (config.ials_background); else empty.
  CsrMatrix user_item;
};

// Interactions are folded in the given order (the latest feedback wins);
// tracks missing from the catalogue become bare items known by id.
BuiltModel BuildModel(const std::vector<Track>& catalogue, const std::vector<Interaction>& interactions,
                      const ModelConfig& config);

// The user side alone against an existing item model; interactions with
// tracks the model does not know are ignored. This is exactly what
// incremental updates maintain, so it is their oracle in tests.
UserTable BuildUsers(const ItemModel& items, const std::vector<Interaction>& interactions,
                     const ImplicitWeightConfig& weights);

}  // namespace echotune::recs
