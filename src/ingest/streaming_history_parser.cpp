#include "ingest/streaming_history_parser.h"

#include <simdjson.h>

#include "core/time_format.h"
#include "ingest/file_text.h"
#include "ingest/input_error.h"
#include "ingest/json_location.h"
#include "ingest/track_id.h"

namespace echotune::ingest {
namespace {

using simdjson::dom::element;

// The fields of one history entry that matter, as views into the parser's buffers.
struct RawEntry {
  std::string_view time, platform, track, artist, album, track_uri, reason_start, reason_end;
  bool has_episode = false, has_audiobook = false;
  std::optional<long long> ms_played;
  std::optional<bool> skipped, shuffle;
  std::string_view bad_field;  // first field with a value of the wrong type
};

void MarkBad(element v, std::string_view key, RawEntry& e) {
  if (!v.is_null() && e.bad_field.empty()) e.bad_field = key;
}

std::string_view StringOf(element v, std::string_view key, RawEntry& e) {
  std::string_view s;
  if (v.get(s)) MarkBad(v, key, e);
  return s;
}

std::optional<bool> BoolOf(element v, std::string_view key, RawEntry& e) {
  bool b = false;
  if (!v.get(b)) return b;
  MarkBad(v, key, e);
  return std::nullopt;
}

// Milliseconds played: a whole or fractional number in [0, kMaxMsPlayed]. Anything
// else (negative, -1e308, 1e30) is a wrong value, not a number to convert: a
// double outside long long's range has no conversion (UB; found by the fuzzer).
constexpr double kMaxMsPlayed = 1LL << 40;  // about 35 years

// Every JSON number reads as a double, exactly so up to kMaxMsPlayed.
std::optional<long long> MsOf(element v, std::string_view key, RawEntry& e) {
  double d = 0;
  if (!v.get(d) && d >= 0 && d <= kMaxMsPlayed) return static_cast<long long>(d);
  if (e.bad_field.empty()) e.bad_field = key;
  return std::nullopt;
}

bool NonNull(element v) { return !v.is_null(); }

// One pass over the keys; unknown keys (ip_addr, conn_country, …) are ignored.
void ReadField(std::string_view k, element v, RawEntry& e) {
  if (k == "ts" || k == "endTime") e.time = StringOf(v, k, e);
  else if (k == "ms_played" || k == "msPlayed") e.ms_played = MsOf(v, k, e);
  else if (k == "master_metadata_track_name" || k == "trackName") e.track = StringOf(v, k, e);
  else if (k == "master_metadata_album_artist_name" || k == "artistName") e.artist = StringOf(v, k, e);
  else if (k == "master_metadata_album_album_name") e.album = StringOf(v, k, e);
  else if (k == "spotify_track_uri") e.track_uri = StringOf(v, k, e);
  else if (k == "platform") e.platform = StringOf(v, k, e);
  else if (k == "reason_start") e.reason_start = StringOf(v, k, e);
  else if (k == "reason_end") e.reason_end = StringOf(v, k, e);
  else if (k == "skipped") e.skipped = BoolOf(v, k, e);
  else if (k == "shuffle") e.shuffle = BoolOf(v, k, e);
  else if (k == "spotify_episode_uri" || k == "episode_name" || k == "podcastName" || k == "episodeName")
    e.has_episode = e.has_episode || NonNull(v);
  else if (k == "audiobook_uri" || k == "audiobook_title" || k == "audiobook_chapter_uri")
    e.has_audiobook = e.has_audiobook || NonNull(v);
}

const char* SkipReasonOf(const RawEntry& e, ExportFormat format) {
  if (format == ExportFormat::kExtendedVideo) return kSkipVideo;
  if (format == ExportFormat::kBasicPodcast || (e.has_episode && e.track_uri.empty())) return kSkipPodcast;
  if (e.has_audiobook && e.track_uri.empty()) return kSkipAudiobook;
  if (e.track_uri.empty() && (e.track.empty() || e.artist.empty())) return kSkipNoTrack;
  return nullptr;
}

ExportPlay ToPlay(const RawEntry& e, core::TimePoint ended_at) {
  ExportPlay p;
  p.ended_at = ended_at;
  p.ms_played = *e.ms_played;
  p.track_name = e.track;
  p.artist_name = e.artist;
  p.album_name = e.album;
  if (!e.track_uri.empty()) p.track_id = SpotifyTrackIdOf(e.track_uri);
  p.platform = e.platform;
  p.skipped = e.skipped;
  p.reason_start = e.reason_start;
  p.reason_end = e.reason_end;
  p.shuffle = e.shuffle.value_or(false);
  return p;
}

core::Error EntryError(const std::string& text, const std::string& file, size_t index, const std::string& what) {
  TextPosition pos = PositionOf(text, OffsetOfArrayElement(text, index));
  return InputError(file, pos.line, pos.column, "entry " + std::to_string(index + 1) + ": " + what);
}

core::Error ParseError(const std::string& text, const std::string& file, simdjson::error_code code) {
  if (auto problem = FindJsonSyntaxError(text)) {
    TextPosition pos = PositionOf(text, problem->offset);
    return InputError(file, pos.line, pos.column, "malformed JSON: " + problem->message);
  }
  return InputError(file, 1, 1, std::string("malformed JSON: ") + simdjson::error_message(code));
}

// Validates and converts one entry; returns an error text or empty on success.
std::string AddEntry(element entry, ExportFormat format, ParsedHistory& out) {
  simdjson::dom::object object;
  if (entry.get(object)) return "is not an object";
  RawEntry e;
  for (auto field : object) ReadField(field.key, field.value, e);
  if (!e.bad_field.empty()) return "field '" + std::string(e.bad_field) + "' has the wrong type or value";
  if (const char* reason = SkipReasonOf(e, format)) {
    ++out.skipped[reason];
    return {};
  }
  if (!e.ms_played) return "no ms_played/msPlayed";
  std::optional<core::TimePoint> t = core::ParseIso8601(e.time);
  if (!t) return "unreadable time '" + std::string(e.time) + "'";
  out.plays.push_back(ToPlay(e, *t));
  return {};
}

}  // namespace

StreamingHistoryParser::StreamingHistoryParser() : parser_(std::make_unique<simdjson::dom::parser>()) {}
StreamingHistoryParser::~StreamingHistoryParser() = default;

core::Result<ParsedHistory> StreamingHistoryParser::Parse(const std::string& text, ExportFormat format,
                                                          const std::string& file) {
  // Files read by ReadFileText are padded already; anything else is copied once.
  std::optional<simdjson::padded_string> copy;
  if (text.capacity() < text.size() + simdjson::SIMDJSON_PADDING) copy.emplace(text);
  element doc;
  auto parsed = copy ? parser_->parse(*copy) : parser_->parse(text.data(), text.size(), false);
  if (auto code = parsed.get(doc); code) {
    return ParseError(text, file, code);
  }
  simdjson::dom::array array;
  if (doc.get(array)) return InputError(file, 1, 1, "expected a JSON array of plays");
  ParsedHistory out;
  out.plays.reserve(array.size());
  for (element entry : array) {
    if (std::string problem = AddEntry(entry, format, out); !problem.empty()) {
      return EntryError(text, file, out.rows, problem);
    }
    ++out.rows;
  }
  return out;
}

core::Result<ParsedHistory> StreamingHistoryParser::ParseFile(const ExportFile& file) {
  auto text = ReadFileText(file.path, simdjson::SIMDJSON_PADDING);
  if (!text.ok()) return std::move(text).error();
  return Parse(*text, file.format, file.path.string());
}

}  // namespace echotune::ingest
