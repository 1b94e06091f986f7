#include "recs/model_builder.h"

#include <unordered_set>

namespace echotune::recs {
namespace {

using Events = std::vector<std::pair<std::uint32_t, const Interaction*>>;

// Dense track ids: the catalogue first, then unseen tracks in order of appearance.
std::vector<std::string> ExtraTracks(const std::vector<Track>& catalogue, const std::vector<Interaction>& interactions) {
  std::unordered_set<std::string_view> known;
  for (const Track& t : catalogue) known.insert(t.id);
  std::vector<std::string> extra;
  for (const Interaction& e : interactions) {
    if (known.insert(e.track_id).second) extra.push_back(e.track_id);
  }
  return extra;
}

std::unordered_map<std::string, Events> GroupByUser(const std::vector<Interaction>& interactions,
                                                    const std::unordered_map<std::string_view, std::uint32_t>& ids) {
  std::unordered_map<std::string, Events> by_user;
  for (const Interaction& e : interactions) {
    auto it = ids.find(e.track_id);
    if (it != ids.end()) by_user[e.user_id].emplace_back(it->second, &e);
  }
  return by_user;
}

UserTable ProfilesFrom(std::unordered_map<std::string, Events> by_user, const ImplicitWeightConfig& weights) {
  UserTable users;
  users.reserve(by_user.size());
  for (auto& [user, events] : by_user) {
    users.emplace(user, std::make_shared<const UserProfile>(UserProfile::FromEvents(std::move(events), weights)));
  }
  return users;
}

CsrMatrix UserItemMatrix(const UserTable& users, std::uint32_t items) {
  std::vector<std::vector<std::pair<std::uint32_t, float>>> rows;
  rows.reserve(users.size());
  for (const auto& [id, profile] : users) {
    auto& row = rows.emplace_back();
    for (std::size_t k = 0; k < profile->items().size(); ++k) row.emplace_back(profile->items()[k], profile->weights()[k]);
  }
  return CsrMatrix::FromRows(items, rows);
}

}  // namespace

BuiltModel BuildModel(const std::vector<Track>& catalogue, const std::vector<Interaction>& interactions,
                      const ModelConfig& config) {
  ItemModel::Inputs in{catalogue, ExtraTracks(catalogue, interactions), {}};
  std::unordered_map<std::string_view, std::uint32_t> ids;
  for (const Track& t : in.catalogue) ids.emplace(t.id, static_cast<std::uint32_t>(ids.size()));
  for (const std::string& t : in.extra_tracks) ids.emplace(t, static_cast<std::uint32_t>(ids.size()));
  UserTable users = ProfilesFrom(GroupByUser(interactions, ids), config.weights);
  in.user_item = UserItemMatrix(users, static_cast<std::uint32_t>(ids.size()));
  ids.clear();  // views into `in`, which moves next
  return {ItemModel::Build(std::move(in), config), std::move(users)};
}

UserTable BuildUsers(const ItemModel& items, const std::vector<Interaction>& interactions,
                     const ImplicitWeightConfig& weights) {
  std::unordered_map<std::string, Events> by_user;
  for (const Interaction& e : interactions) {
    if (auto id = items.Find(e.track_id)) by_user[e.user_id].emplace_back(*id, &e);
  }
  return ProfilesFrom(std::move(by_user), weights);
}

}  // namespace echotune::recs
