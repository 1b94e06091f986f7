// RecEngine: the recommendation service object. Holds the current model as an
// atomically swapped snapshot (item side) plus copy-on-write user profiles;
// recommendations never wait for a build, and listens update a user's profile
// at once without one.
//
// Thread-safety: every public method may be called from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "recs/item_model.h"
#include "recs/model_builder.h"
#include "recs/model_config.h"
#include "recs/types.h"
#include "recs/user_profile.h"

namespace echotune::recs {

struct EngineInputs {
  std::vector<Track> catalogue;
  std::vector<Interaction> interactions;  // in time order; feedback events included
};

// Called with a user id every ModelConfig::listens_per_refresh new listens of
// that user (the API refreshes and pushes recommendation_update). Runs on the
// thread that called Record; must not call Record itself.
using RefreshHook = std::function<void(const std::string& user_id)>;
// Called with every event given to Record (not RecordRemote), on the thread
// that called Record, outside the engine's lock; must not block or call
// Record. Several instances use it to tell the others (api::ModelSync).
using RecordObserver = std::function<void(const Interaction& event)>;

class RecEngine final {
 public:
  // `clock` must outlive the engine.
  RecEngine(ModelConfig config, const core::Clock& clock);
  ~RecEngine();
  RecEngine(const RecEngine&) = delete;
  RecEngine& operator=(const RecEngine&) = delete;

  // Builds a model from `inputs` on this thread and swaps it in.
  void Rebuild(const EngineInputs& inputs);

  // Builds on a background thread from what `load` returns; until it is done
  // the previous snapshot (or, before the first, an empty answer) serves.
  // Events recorded while building are replayed onto the new snapshot, so
  // `load` must not already contain them. The future is ready when swapped in.
  std::future<void> RebuildAsync(std::function<EngineInputs()> load);

  // Folds one listen or feedback event into its user's profile (no rebuild).
  // Events on tracks the model does not know wait for the next rebuild.
  void Record(const Interaction& event);
  // The same fold for an event another instance recorded (and counted): it
  // neither counts towards the refresh hook nor reaches the record observer.
  void RecordRemote(const Interaction& event);

  void SetRefreshHook(RefreshHook hook);
  void SetRecordObserver(RecordObserver observer);

  // Up to request.limit candidates, best first, obeying every rule of
  // SYSTEM.md §6.2. An empty list while no model has been built yet.
  // Fails with kValidationError for limit 0 or > 100.
  core::Result<std::vector<Candidate>> Recommend(const RecRequest& request) const;
  // The same, with how the request's context shaped the answer (meta.context).
  core::Result<Recommendations> RecommendWithReport(const RecRequest& request) const;

  // The users with a profile, in no order.
  std::vector<std::string> UserIds() const;
  // Drops the profiles (and queued events) of `user_ids`, e.g. users deleted
  // from the store; the item side keeps their past listens until the next
  // build. Returns how many profiles were dropped.
  size_t Forget(const std::vector<std::string>& user_ids);

  // The current snapshots (null before the first build / for an unknown user).
  std::shared_ptr<const ItemModel> items() const { return items_.load(); }
  std::shared_ptr<const UserProfile> profile(const std::string& user_id) const;
  bool ready() const { return items_.load() != nullptr; }
  // A build (RebuildAsync) is running.
  bool building() const {
    std::lock_guard lock(mu_);
    return building_;
  }
  const ModelConfig& config() const { return config_; }

 private:
  void Install(BuiltModel built);
  // Fits the low-rank EASE (when `items` wants it) and then iALS on
  // `user_item` on a background thread and sets each on `items` when done; a
  // newer call (or the engine's end) stops an unfinished fit.
  void TrainInBackground(std::shared_ptr<const ItemModel> items, CsrMatrix user_item);
  void ApplyLocked(const ItemModel& items, const Interaction& event);

  const ModelConfig config_;
  const core::Clock& clock_;
  std::atomic<std::shared_ptr<const ItemModel>> items_;
  mutable std::mutex mu_;  // guards users_, since_refresh_, building_, pending_, hook_, observer_
  UserTable users_;
  std::unordered_map<std::string, int> since_refresh_;
  bool building_ = false;
  std::vector<Interaction> pending_;
  RefreshHook hook_;
  RecordObserver observer_;
  std::jthread builder_;
  std::mutex trainer_mu_;  // guards trainer_
  std::jthread trainer_;   // last: stopped and joined first
};

}  // namespace echotune::recs
