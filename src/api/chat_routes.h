// Chat and LLM endpoints (issue 12; docs/chat.md):
//   POST   /api/chat/start            a new session (201)
//   POST   /api/chat/message          one turn {sessionId?, message, stream?}; with stream:true
//                                      or Accept: text/event-stream, server-sent events
//                                      (delta…, switch, done | error)
//   GET    /api/chat/history?sessionId=   the session with its messages
//   GET    /api/chat/sessions         the user's sessions, most recent first
//   DELETE /api/chat/sessions/{id}    delete one of the user's sessions
//   GET    /api/llm/providers         providers, breaker states, latency, fallback chain
// Another user's session is NOT_FOUND. REQUIRES: everything outlives the router.
#pragma once

#include "api/api_context.h"
#include "http/router.h"
#include "llm/provider_chain.h"
#include "recs/rec_engine.h"

namespace echotune::api {

void AddChatRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine, llm::ProviderChain& chain);

}  // namespace echotune::api
