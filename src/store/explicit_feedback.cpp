#include "store/explicit_feedback.h"

namespace echotune::store {
namespace {

void ApplyAll(model::UserFeedback& to, const model::UserFeedback& from) {
  for (const auto& t : from.liked_tracks) model::ApplyFeedback(to, t, model::FeedbackAction::kLike);
  for (const auto& t : from.saved_tracks) model::ApplyFeedback(to, t, model::FeedbackAction::kSave);
  for (const auto& t : from.disliked_tracks) model::ApplyFeedback(to, t, model::FeedbackAction::kDislike);
}

}  // namespace

core::Result<model::UserFeedback> EffectiveFeedback(Store& store, const core::ObjectId& user_id) {
  auto prefs = store.preferences().Get(user_id);
  if (!prefs.ok()) return std::move(prefs).error();
  auto recent = store.recommendations().FeedbackForUser(user_id);
  if (!recent.ok()) return std::move(recent).error();
  if (!prefs->track_feedback) return recent;
  ApplyAll(*recent, *prefs->track_feedback);
  return recent;
}

}  // namespace echotune::store
