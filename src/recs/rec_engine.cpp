#include "recs/rec_engine.h"

#include <chrono>
#include <string_view>
#include <unordered_set>

#include "recs/candidates.h"

namespace echotune::recs {

RecEngine::RecEngine(ModelConfig config, const core::Clock& clock) : config_(std::move(config)), clock_(clock) {}

RecEngine::~RecEngine() {
  if (builder_.joinable()) builder_.join();
}

void RecEngine::Rebuild(const EngineInputs& inputs) {
  Install(BuildModel(inputs.catalogue, inputs.interactions, config_));
}

std::future<void> RecEngine::RebuildAsync(std::function<EngineInputs()> load) {
  if (builder_.joinable()) builder_.join();  // one build at a time
  {
    std::lock_guard lock(mu_);
    building_ = true;
    pending_.clear();
  }
  auto done = std::make_shared<std::promise<void>>();
  std::future<void> result = done->get_future();
  builder_ = std::jthread([this, load = std::move(load), done] {
    EngineInputs inputs = load();
    Install(BuildModel(inputs.catalogue, inputs.interactions, config_));
    done->set_value();
  });
  return result;
}

// The swap: events that arrived during the build are replayed onto the new
// user table under the lock, so none is lost and none counted twice.
void RecEngine::Install(BuiltModel built) {
  if (built.user_item.nnz() > 0) TrainInBackground(built.items, std::move(built.user_item));
  std::lock_guard lock(mu_);
  users_ = std::move(built.users);
  for (const Interaction& e : pending_) ApplyLocked(*built.items, e);
  pending_.clear();
  building_ = false;
  items_.store(std::move(built.items));
}

// The trainer holds the snapshot, not the engine: a snapshot replaced before
// its fit ends still gets its factors (readers of it may still be running),
// unless a newer fit stopped this one first.
// The low-rank EASE first: it takes a fraction of iALS's time.
void RecEngine::TrainInBackground(std::shared_ptr<const ItemModel> items, CsrMatrix user_item) {
  std::lock_guard lock(trainer_mu_);
  trainer_ = std::jthread([items = std::move(items), m = std::move(user_item), config = config_](
                                   std::stop_token stop) {
    if (items->wants_lowrank_ease()) {
      auto ease = std::make_shared<const LowRankEaseModel>(LowRankEaseModel::Fit(m, config.ease_lowrank));
      if (stop.stop_requested()) return;
      items->SetLowRankEase(std::move(ease));
    }
    if (!config.ials_enabled) return;
    auto model = std::make_shared<const IalsModel>(IalsModel::Fit(m, config.ials, {}, stop));
    if (!stop.stop_requested()) items->SetIals(std::move(model));
  });
}

void RecEngine::ApplyLocked(const ItemModel& items, const Interaction& event) {
  auto id = items.Find(event.track_id);
  if (!id) return;
  auto& slot = users_[event.user_id];
  auto next = slot ? std::make_shared<UserProfile>(*slot) : std::make_shared<UserProfile>();
  next->Add(event, *id, config_.weights);
  slot = std::move(next);
}

void RecEngine::Record(const Interaction& event) {
  std::shared_ptr<const ItemModel> items = items_.load();
  RefreshHook hook;
  RecordObserver observer;
  {
    std::lock_guard lock(mu_);
    if (building_) pending_.push_back(event);
    if (items) ApplyLocked(*items, event);
    if (event.play_count > 0 && ++since_refresh_[event.user_id] >= config_.listens_per_refresh) {
      since_refresh_[event.user_id] = 0;
      hook = hook_;
    }
    observer = observer_;
  }
  if (observer) observer(event);
  if (hook) hook(event.user_id);
}

void RecEngine::RecordRemote(const Interaction& event) {
  std::shared_ptr<const ItemModel> items = items_.load();
  std::lock_guard lock(mu_);
  if (building_) pending_.push_back(event);
  if (items) ApplyLocked(*items, event);
}

void RecEngine::SetRecordObserver(RecordObserver observer) {
  std::lock_guard lock(mu_);
  observer_ = std::move(observer);
}

void RecEngine::SetRefreshHook(RefreshHook hook) {
  std::lock_guard lock(mu_);
  hook_ = std::move(hook);
}

std::vector<std::string> RecEngine::UserIds() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> ids;
  ids.reserve(users_.size());
  for (const auto& [id, profile] : users_) ids.push_back(id);
  return ids;
}

size_t RecEngine::Forget(const std::vector<std::string>& user_ids) {
  std::unordered_set<std::string_view> gone(user_ids.begin(), user_ids.end());
  std::lock_guard lock(mu_);
  size_t dropped = 0;
  for (const std::string& id : user_ids) {
    dropped += users_.erase(id);
    since_refresh_.erase(id);
  }
  std::erase_if(pending_, [&](const Interaction& e) { return gone.contains(e.user_id); });
  return dropped;
}

std::shared_ptr<const UserProfile> RecEngine::profile(const std::string& user_id) const {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  return it == users_.end() ? nullptr : it->second;
}

core::Result<std::vector<Candidate>> RecEngine::Recommend(const RecRequest& request) const {
  auto r = RecommendWithReport(request);
  if (!r.ok()) return r.error();
  return std::move(r->candidates);
}

core::Result<Recommendations> RecEngine::RecommendWithReport(const RecRequest& request) const {
  if (request.limit == 0 || request.limit > 100) return core::Error::Validation("limit", "limit must be 1–100");
  std::shared_ptr<const ItemModel> items = items_.load();
  if (!items) return Recommendations{};
  std::shared_ptr<const UserProfile> user = profile(request.user_id);
  if (request.now_ms != 0) return RecommendWith(*items, user.get(), request, config_);
  RecRequest timed = request;
  timed.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
  return RecommendWith(*items, user.get(), timed, config_);
}

}  // namespace echotune::recs
