#include "recs/model_builder.h"

#include <algorithm>
#include <string_view>
#include <thread>

namespace echotune::recs {
namespace {

using Events = std::vector<std::pair<std::uint32_t, const Interaction*>>;
using TrackIds = std::unordered_map<std::string_view, std::uint32_t>;

// Every interaction resolved once: its dense track id and dense user id
// (users numbered in order of first appearance).
struct Resolved {
  std::vector<std::string> extra_tracks;  // unseen tracks, in order of appearance
  std::vector<std::uint32_t> track;       // per interaction
  std::vector<std::uint32_t> user;        // per interaction
  std::vector<std::string_view> users;    // dense user id -> user id (views into the interactions)
};

// Dense track ids: the catalogue first, then unseen tracks in order of appearance.
void ResolveTracks(const std::vector<Track>& catalogue, const std::vector<Interaction>& interactions, Resolved& r) {
  TrackIds tracks;
  tracks.reserve(catalogue.size());
  for (const Track& t : catalogue) tracks.emplace(t.id, static_cast<std::uint32_t>(tracks.size()));
  r.track.reserve(interactions.size());
  for (const Interaction& e : interactions) {
    auto [it, added] = tracks.try_emplace(e.track_id, static_cast<std::uint32_t>(tracks.size()));
    if (added) r.extra_tracks.push_back(e.track_id);
    r.track.push_back(it->second);
  }
}

// Histories come grouped by user more often than not, so the previous user
// is checked before the hash lookup.
void ResolveUsers(const std::vector<Interaction>& interactions, Resolved& r) {
  std::unordered_map<std::string_view, std::uint32_t> users;
  r.user.reserve(interactions.size());
  for (const Interaction& e : interactions) {
    if (!r.user.empty() && r.users[r.user.back()] == e.user_id) {
      r.user.push_back(r.user.back());
      continue;
    }
    auto [it, added] = users.try_emplace(e.user_id, static_cast<std::uint32_t>(users.size()));
    if (added) r.users.push_back(e.user_id);
    r.user.push_back(it->second);
  }
}

// The two passes touch disjoint fields, so they run on two threads.
Resolved Resolve(const std::vector<Track>& catalogue, const std::vector<Interaction>& interactions) {
  Resolved r;
  {
    std::jthread users([&] { ResolveUsers(interactions, r); });
    ResolveTracks(catalogue, interactions, r);
  }
  return r;
}

// A counting sort by user keeps each user's events in their original order.
std::vector<Events> GroupByUser(const Resolved& r, const std::vector<Interaction>& interactions) {
  std::vector<std::uint32_t> count(r.users.size(), 0);
  for (std::uint32_t u : r.user) ++count[u];
  std::vector<Events> by_user(r.users.size());
  for (std::size_t u = 0; u < by_user.size(); ++u) by_user[u].reserve(count[u]);
  for (std::size_t k = 0; k < interactions.size(); ++k) by_user[r.user[k]].emplace_back(r.track[k], &interactions[k]);
  return by_user;
}

// Profiles in dense user order, built on two threads (each user is independent).
std::vector<std::shared_ptr<const UserProfile>> Profiles(std::vector<Events> by_user,
                                                         const ImplicitWeightConfig& weights) {
  std::vector<std::shared_ptr<const UserProfile>> out(by_user.size());
  auto work = [&](std::size_t first, std::size_t last) {
    for (std::size_t u = first; u < last; ++u) {
      out[u] = std::make_shared<const UserProfile>(UserProfile::FromEvents(std::move(by_user[u]), weights));
    }
  };
  {
    std::jthread half(work, by_user.size() / 2, by_user.size());
    work(0, by_user.size() / 2);
  }
  return out;
}

CsrMatrix UserItemMatrix(const std::vector<std::shared_ptr<const UserProfile>>& profiles, std::uint32_t items) {
  std::vector<std::vector<std::pair<std::uint32_t, float>>> rows(profiles.size());
  for (std::size_t u = 0; u < profiles.size(); ++u) {
    const UserProfile& p = *profiles[u];
    rows[u].reserve(p.items().size());
    for (std::size_t k = 0; k < p.items().size(); ++k) rows[u].emplace_back(p.items()[k], p.weights()[k]);
  }
  return CsrMatrix::FromRows(items, rows);
}

UserTable Table(const Resolved& r, std::vector<std::shared_ptr<const UserProfile>> profiles) {
  UserTable users;
  users.reserve(profiles.size());
  for (std::size_t u = 0; u < profiles.size(); ++u) users.emplace(std::string(r.users[u]), std::move(profiles[u]));
  return users;
}

}  // namespace

BuiltModel BuildModel(const std::vector<Track>& catalogue, const std::vector<Interaction>& interactions,
                      const ModelConfig& config) {
  Resolved r = Resolve(catalogue, interactions);
  auto profiles = Profiles(GroupByUser(r, interactions), config.weights);
  const auto items = static_cast<std::uint32_t>(catalogue.size() + r.extra_tracks.size());
  CsrMatrix user_item = UserItemMatrix(profiles, items);
  const bool keep = config.ials_background && (config.ials_enabled || config.ease_lowrank_enabled);
  ItemModel::Inputs in{catalogue, std::move(r.extra_tracks), keep ? user_item : std::move(user_item)};
  auto model = ItemModel::Build(std::move(in), config);
  const bool wanted = keep && (config.ials_enabled || model->wants_lowrank_ease());
  return {std::move(model), Table(r, std::move(profiles)), wanted ? std::move(user_item) : CsrMatrix()};
}

UserTable BuildUsers(const ItemModel& items, const std::vector<Interaction>& interactions,
                     const ImplicitWeightConfig& weights) {
  std::unordered_map<std::string, Events> by_user;
  for (const Interaction& e : interactions) {
    if (auto id = items.Find(e.track_id)) by_user[e.user_id].emplace_back(*id, &e);
  }
  UserTable users;
  users.reserve(by_user.size());
  for (auto& [user, events] : by_user) {
    users.emplace(user, std::make_shared<const UserProfile>(UserProfile::FromEvents(std::move(events), weights)));
  }
  return users;
}

}  // namespace echotune::recs
