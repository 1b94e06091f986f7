// RecsService: the API's use of the RecEngine and the store around it.
//  - Recommend: engine (or, while the model builds / for an empty model, the
//    cold-start rule: popular tracks in the user's favourite genres), minus the
//    user's dislikes and the tracks of their other sets of the last 24 hours;
//    each computed set is saved to recommendations (7-day TTL). The user's
//    settings are context of every request (ToListenerSettings): genres,
//    explicit content, energy level, diversity and the default strategy.
//    Compute is the same without saving (the command line).
//  - RecordFeedback: user_feedback of the recommendation (the given one, else
//    the latest set containing the track, else the latest set; importer
//    feedback-only records are skipped), the durable trackFeedback of the
//    preferences document, an analytics event, and the engine.
//  - RecordListens: one atomic batch, analytics events, and the engine.
// Every method is BLOCKING (store calls): run it on the worker pool.
// Thread-safe; `store` and `engine` must outlive it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/listen_input.h"
#include "api/recs_query.h"
#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/analytics_event.h"
#include "model/recommendation.h"
#include "model/user_preferences.h"
#include "recs/rec_engine.h"
#include "store/listening_history_repository.h"
#include "store/store.h"

namespace echotune::api {

struct RecsPage {
  std::vector<recs::Candidate> tracks;  // the requested page
  int64_t total = 0;                    // candidates available across pages
  std::optional<std::string> recommendation_id;  // null when nothing was served
  bool cold_start = false;
  recs::Strategy strategy = recs::Strategy::kHybrid;  // the one used (the query's or the user's setting)
  recs::ContextReport context;                        // how mood, targets and settings shaped it
};

struct FeedbackInput {
  std::string track_id;
  model::FeedbackAction action = model::FeedbackAction::kLike;
  std::optional<core::ObjectId> recommendation_id;
};

struct FeedbackResult {
  std::string recommendation_id;
  model::UserFeedback feedback;
};

class RecsService final {
 public:
  RecsService(store::Store& store, recs::RecEngine& engine, const core::Clock& clock)
      : store_(store), engine_(engine), clock_(clock) {}

  core::Result<RecsPage> Recommend(const core::ObjectId& user, const RecsQuery& q);
  core::Result<RecsPage> Compute(const core::ObjectId& user, const RecsQuery& q);
  // Up to `limit` candidates for a playlist (known tracks allowed, no 24 h rule).
  core::Result<std::vector<recs::Candidate>> PickForPlaylist(const core::ObjectId& user,
                                                             recs::RecRequest request,
                                                             const std::vector<std::string>& genres);
  core::Result<FeedbackResult> RecordFeedback(const core::ObjectId& user, const FeedbackInput& in);
  core::Result<store::BatchInsertResult> RecordListens(const core::ObjectId& user,
                                                       std::vector<ListenInput> inputs);

  // The engine (prompt radio reads its catalogue snapshot, issue 16).
  recs::RecEngine& engine() const { return engine_; }

  // Stores an analytics event (timestamp now); a failure is logged, not returned.
  void RecordEvent(const core::ObjectId& user, model::EventType type, boost::json::object metadata);

 private:
  core::Result<recs::Recommendations> Candidates(const core::ObjectId& user, recs::RecRequest& r);
  core::Result<std::vector<recs::Candidate>> ColdStart(const recs::RecRequest& r, recs::ContextReport& context);
  core::Result<std::optional<core::ObjectId>> LatestSetWith(const core::ObjectId& user,
                                                            const std::string& track_id);
  core::Result<std::string> Save(const core::ObjectId& user, const RecsQuery& q, const RecsPage& page);

  store::Store& store_;
  recs::RecEngine& engine_;
  const core::Clock& clock_;
};

// The candidate shape of SYSTEM.md §6.1 (plus per-strategy parts).
boost::json::object CandidateJson(const recs::Candidate& c);

// The preferences document as engine context.
recs::ListenerSettings ToListenerSettings(const model::UserPreferences& prefs);
// The strategy of a request: the query's when given, else the user's
// recommendationStrategy (mood_based only with a mood), else hybrid.
recs::Strategy EffectiveStrategy(const RecsQuery& q, const model::UserPreferences& prefs);

}  // namespace echotune::api
