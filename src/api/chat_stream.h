// ChatStream: a chat turn as server-sent events (text/event-stream):
//   event: delta   data: {"text": "…"}              pieces of the answer, in order
//   event: switch  data: {"from", "to", "discard": true}  the provider failed midway;
//                                                    drop the deltas so far, the next one answers
//   event: done    data: the same object as the JSON reply (saved message, provider, model,
//                  latencyMs, intent, action, …)
//   event: error   data: the error envelope {success: false, error, code, details}
// The turn runs as its own coroutine; deltas from the HTTP client's thread
// are queued and written on the connection's thread. A client that
// disconnects cancels the provider call (the user's message stays saved).
#pragma once

#include "api/chat_service.h"
#include "http/stream_reply.h"

namespace echotune::api {

// REQUIRES: svc outlives the stream.
http::StreamProducer ChatStreamProducer(ChatService& svc, core::ObjectId user, ChatTurnInput input,
                                        std::string request_id);

// "event: <name>\ndata: <json>\n\n"
std::string SseEvent(std::string_view name, const boost::json::value& data);

}  // namespace echotune::api
