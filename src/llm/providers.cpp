#include "llm/providers.h"

#include "llm/anthropic_provider.h"
#include "llm/gemini_provider.h"
#include "llm/mock_provider.h"
#include "llm/openai_provider.h"

namespace echotune::llm {

namespace {

std::string Trimmed(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

ProviderConfig Make(const core::Config& c, std::string id, std::string name, const std::string& url,
                    const std::string& key, const std::string& model, std::vector<std::string> models) {
  if (std::find(models.begin(), models.end(), model) == models.end()) models.insert(models.begin(), model);
  return ProviderConfig{std::move(id), std::move(name), Trimmed(url), key, model, std::move(models),
                        std::chrono::milliseconds(c.llm_first_token_timeout_ms),
                        std::chrono::milliseconds(c.llm_timeout_ms)};
}

}  // namespace

std::vector<std::unique_ptr<LlmProvider>> BuildProviders(const core::Config& c,
                                                         spotify::AsyncHttpClient& http) {
  std::vector<std::unique_ptr<LlmProvider>> out;
  out.push_back(std::make_unique<GeminiProvider>(
      Make(c, "gemini", "Google Gemini", c.gemini_base_url, c.gemini_api_key, c.gemini_model,
           {"gemini-2.0-flash", "gemini-1.5-flash", "gemini-1.5-pro"}),
      http));
  out.push_back(std::make_unique<OpenAiProvider>(
      Make(c, "openai", "OpenAI", c.openai_base_url, c.openai_api_key, c.openai_model,
           {"gpt-4o-mini", "gpt-4o"}),
      http));
  out.push_back(std::make_unique<OpenAiProvider>(
      Make(c, "openrouter", "OpenRouter", c.openrouter_base_url, c.openrouter_api_key, c.openrouter_model,
           {"openai/gpt-4o-mini", "anthropic/claude-3.5-haiku", "meta-llama/llama-3.1-8b-instruct"}),
      http));
  out.push_back(std::make_unique<AnthropicProvider>(
      Make(c, "anthropic", "Anthropic", c.anthropic_base_url, c.anthropic_api_key, c.anthropic_model,
           {"claude-3-5-haiku-latest", "claude-3-5-sonnet-latest"}),
      http));
  out.push_back(std::make_unique<MockProvider>());
  return out;
}

}  // namespace echotune::llm
