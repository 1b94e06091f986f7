#include "recs/implicit_weights.h"

#include <algorithm>
#include <cmath>

namespace echotune::recs {

float ImplicitWeight(const ItemStats& s, const ImplicitWeightConfig& c) {
  if (s.feedback == Feedback::kDislike) return 0.0f;
  float raw = static_cast<float>(s.plays) * c.play + static_cast<float>(s.repeats) * c.repeat -
              static_cast<float>(s.skips) * c.skip;
  if (s.feedback == Feedback::kLike) raw += c.like;
  if (s.feedback == Feedback::kSave) raw += c.save;
  return raw > 0 ? std::log1p(raw / c.scale) : 0.0f;
}

void Accumulate(ItemStats& s, const Interaction& e) {
  const auto plays = static_cast<std::uint32_t>(std::max(0, e.play_count));
  s.plays += plays;
  s.repeats += static_cast<std::uint32_t>(std::max(0, e.repeat_count));
  if (e.skipped) ++s.skips;
  if (plays > 0) s.last_played_ms = std::max(s.last_played_ms, e.played_at_ms);
  if (e.feedback != Feedback::kNone) s.feedback = e.feedback;
}

}  // namespace echotune::recs
