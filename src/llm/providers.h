// BuildProviders: the five providers from the Config (keys, base URLs,
// models, timeouts): openai, openrouter, anthropic, gemini (configured when
// their key is set) and mock. REQUIRES: http outlives the providers.
#pragma once

#include <memory>
#include <vector>

#include "core/config.h"
#include "llm/provider.h"
#include "spotify/async_http_client.h"

namespace echotune::llm {

std::vector<std::unique_ptr<LlmProvider>> BuildProviders(const core::Config& config,
                                                         spotify::AsyncHttpClient& http);

}  // namespace echotune::llm
