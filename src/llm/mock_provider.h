// MockProvider: the built-in provider (`mock`). Always configured, always
// works, answers at once (no sleeps, no I/O) and deterministically: the same
// facts give the same words. It is music-aware — it answers from
// request.facts: the action's result, the user's recommendations, top
// artists/genres and recent listens — in a few sentences. Streams its answer
// word by word through the sink. Thread-safe.
#pragma once

#include "llm/provider.h"

namespace echotune::llm {

class MockProvider final : public LlmProvider {
 public:
  const std::string& id() const override { return id_; }
  std::string name() const override { return "EchoTune mock (built in)"; }
  bool configured() const override { return true; }
  std::string default_model() const override { return "echotune-mock-1"; }
  std::vector<std::string> models() const override { return {"echotune-mock-1"}; }
  boost::asio::awaitable<core::Result<LlmReply>> Complete(const LlmRequest& request,
                                                          const StreamSink* stream) override;

 private:
  const std::string id_ = "mock";
};

// The mock's answer to `request` (pure; exposed for tests).
std::string MockAnswer(const LlmRequest& request);

}  // namespace echotune::llm
