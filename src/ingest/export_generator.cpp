#include "ingest/export_generator.h"

#include <cstdio>
#include <memory>
#include <string>

#include "core/time_format.h"

namespace echotune::ingest {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string TrackId(int64_t n) {
  std::string id(22, '0');
  uint64_t v = static_cast<uint64_t>(n) * 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 22; ++i, v = v / 62 + static_cast<uint64_t>(n) * 31) id[static_cast<size_t>(i)] = kBase62[v % 62];
  return id;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

void WriteRow(std::FILE* out, int64_t i, int64_t distinct_tracks, bool first) {
  int64_t track = (i * 7919) % distinct_tracks;
  long long ms = 20000 + (i * 104729) % 220000;
  auto ended = core::FromUnixMillis(1577836800000LL + i * 180000 + ms);
  std::string ts = core::FormatIso8601(ended);
  ts = ts.substr(0, 19) + "Z";
  std::fprintf(out,
               "%s{\"ts\":\"%s\",\"platform\":\"%s\",\"ms_played\":%lld,\"conn_country\":\"DE\",\"ip_addr\":\"0.0.0.0\","
               "\"master_metadata_track_name\":\"Track %lld\",\"master_metadata_album_artist_name\":\"Artist %lld\","
               "\"master_metadata_album_album_name\":\"Album %lld\",\"spotify_track_uri\":\"spotify:track:%s\","
               "\"episode_name\":null,\"episode_show_name\":null,\"spotify_episode_uri\":null,\"audiobook_title\":null,"
               "\"audiobook_uri\":null,\"audiobook_chapter_uri\":null,\"audiobook_chapter_title\":null,"
               "\"reason_start\":\"trackdone\",\"reason_end\":\"%s\",\"shuffle\":false,\"skipped\":%s,\"offline\":false,"
               "\"offline_timestamp\":%lld,\"incognito_mode\":false}",
               first ? "[\n" : ",\n", ts.c_str(), i % 3 ? "android" : "windows", ms, static_cast<long long>(track),
               static_cast<long long>(track % 997), static_cast<long long>(track % 3001), TrackId(track).c_str(),
               ms < 30000 ? "fwdbtn" : "trackdone", ms < 30000 ? "true" : "false",
               static_cast<long long>(core::ToUnixMillis(ended) / 1000));
}

}  // namespace

core::Result<GeneratedExport> GenerateExtendedExport(const std::filesystem::path& dir, int64_t plays,
                                                     int64_t plays_per_file, int64_t distinct_tracks) {
  GeneratedExport out;
  out.plays = plays;
  out.distinct_tracks = std::min(plays, distinct_tracks);
  for (int64_t start = 0, n = 0; start < plays; start += plays_per_file, ++n) {
    auto path = dir / ("Streaming_History_Audio_" + std::to_string(1000 + n) + ".json");
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "w"));
    if (!f) return core::Error::Internal("cannot write " + path.string());
    for (int64_t i = start; i < std::min(plays, start + plays_per_file); ++i) WriteRow(f.get(), i, distinct_tracks, i == start);
    std::fputs("\n]\n", f.get());
    out.files.push_back(path);
  }
  return out;
}

}  // namespace echotune::ingest
