// The Redis pub/sub message that carries a user's new listens and feedback
// from the instance that recorded them to every other instance's model
// (api::ModelSync; docs/deployment.md). Channel "echotune:model:changes";
// payload JSON
//   {"origin": "<instance id>", "userId": "<24 hex>", "events": [{"trackId",
//    "playedAt" (Unix ms), "skipped", "repeatCount", "playCount",
//    "feedback" ("none" | "like" | "dislike" | "save")}]}
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "recs/types.h"

namespace echotune::api {

inline constexpr std::string_view kModelChangesChannel = "echotune:model:changes";

struct ModelChange {
  std::string origin;
  std::string user_id;
  std::vector<recs::Interaction> events;  // each with user_id == the change's
};

std::string EncodeModelChange(const ModelChange& change);
// VALIDATION_ERROR naming the field for anything but the shape above: a
// user id that is not an ObjectId, an empty track id, a negative count, an
// unknown feedback. Never throws.
core::Result<ModelChange> DecodeModelChange(std::string_view payload);

}  // namespace echotune::api
