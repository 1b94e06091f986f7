#include "api/generate_request.h"

#include "model/json_reader.h"

namespace echotune::api {

core::Result<GenerateRequest> ParseGenerateRequest(const boost::json::value& body) {
  if (!body.is_object()) return core::Error::Validation("body", "the body must be a JSON object");
  model::JsonReader r(body);
  GenerateRequest in;
  in.prompt = r.String("prompt");
  if (r.ok() && (in.prompt.empty() || in.prompt.size() > 500)) r.Fail("prompt", "must be 1–500 characters");
  auto count = r.OptInt("trackCount");
  if (count && (*count < 1 || *count > 100)) r.Fail("trackCount", "must be an integer from 1 to 100");
  if (count) in.track_count = static_cast<int>(*count);
  in.is_public = r.Bool("public", false);
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  if (IsRadioPrompt(in.prompt)) {
    auto radio = ParseRadioPrompt(in.prompt);
    if (!radio.ok()) return std::move(radio).error();
    in.radio = std::move(radio).value();
  }
  return in;
}

}  // namespace echotune::api
