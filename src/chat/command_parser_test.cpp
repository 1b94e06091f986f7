// The command parser on a table of phrasings (issue 11: at least 60).
#include "chat/command_parser.h"

#include <gtest/gtest.h>

namespace echotune::chat {
namespace {

using K = CommandKind;

struct Row {
  const char* text;
  K kind;
  const char* query = "";       // query, or "uri:<uri>" for a verbatim URI
  int volume = -1;              // checked when >= 0
  VolumeChange change = VolumeChange::kSet;
  int state = -1;               // shuffle, checked when >= 0
  const char* repeat = "";      // checked when non-empty
  const char* mood = "";        // checked when non-empty
};

const Row kTable[] = {
    // play <query | genre | mood/activity>
    {"play something calm", K::kPlay, "calm", -1, {}, -1, "", "calm"},
    {"Play something calm, please!", K::kPlay, "calm", -1, {}, -1, "", "calm"},
    {"play bohemian rhapsody", K::kPlay, "bohemian rhapsody"},
    {"Play Bohemian Rhapsody by Queen", K::kPlay, "bohemian rhapsody by queen"},
    {"play some jazz", K::kPlay, "jazz"},
    {"play me some jazz", K::kPlay, "jazz"},
    {"put on some chill music", K::kPlay, "chill", -1, {}, -1, "", "chill"},
    {"play workout music", K::kPlay, "workout", -1, {}, -1, "", "workout"},
    {"play music for studying", K::kPlay, "studying", -1, {}, -1, "", "studying"},
    {"i want to hear daft punk", K::kPlay, "daft punk"},
    {"listen to radiohead", K::kPlay, "radiohead"},
    {"hey echotune, play something energetic", K::kPlay, "energetic", -1, {}, -1, "", "energetic"},
    {"can you play taylor swift", K::kPlay, "taylor swift"},
    {"play spotify:track:4uLU6hMCjMI75M1A2tKUQC", K::kPlay, "uri:spotify:track:4uLU6hMCjMI75M1A2tKUQC"},
    {"play happy songs", K::kPlay, "happy", -1, {}, -1, "", "happy"},
    {"play turn down for what", K::kPlay, "turn down for what"},
    // resume
    {"resume", K::kResume},
    {"Resume playback", K::kResume},
    {"continue", K::kResume},
    {"play", K::kResume},
    {"unpause", K::kResume},
    {"please keep playing", K::kResume},
    {"play the music", K::kResume},
    // pause
    {"pause", K::kPause},
    {"Pause.", K::kPause},
    {"stop the music", K::kPause},
    {"stop", K::kPause},
    {"could you pause the music please", K::kPause},
    {"hold on", K::kPause},
    // next / previous
    {"skip", K::kNext},
    {"Skip this song!", K::kNext},
    {"next", K::kNext},
    {"next track", K::kNext},
    {"play the next song", K::kNext},
    {"I don't like this song", K::kNext},
    {"previous", K::kPrevious},
    {"go back", K::kPrevious},
    {"back", K::kPrevious},
    {"previous track", K::kPrevious},
    {"play the previous song", K::kPrevious},
    {"play that again", K::kPrevious},
    // volume
    {"volume 30", K::kVolume, "", 30},
    {"Volume 30%", K::kVolume, "", 30},
    {"set the volume to 75", K::kVolume, "", 75},
    {"turn the volume to 150", K::kVolume, "", 100},
    {"volume up", K::kVolume, "", 10, VolumeChange::kUp},
    {"turn it up", K::kVolume, "", 10, VolumeChange::kUp},
    {"louder please", K::kVolume, "", 10, VolumeChange::kUp},
    {"volume down", K::kVolume, "", 10, VolumeChange::kDown},
    {"a bit quieter", K::kVolume, "", 10, VolumeChange::kDown},
    {"this is too loud", K::kVolume, "", 10, VolumeChange::kDown},
    {"mute", K::kVolume, "", 0},
    {"max volume", K::kVolume, "", 100},
    // shuffle
    {"shuffle on", K::kShuffle, "", -1, {}, 1},
    {"shuffle off", K::kShuffle, "", -1, {}, 0},
    {"turn on shuffle", K::kShuffle, "", -1, {}, 1},
    {"Turn shuffle off", K::kShuffle, "", -1, {}, 0},
    {"stop shuffling", K::kShuffle, "", -1, {}, 0},
    {"shuffle", K::kShuffle, "", -1, {}, 1},
    {"enable shuffle", K::kShuffle, "", -1, {}, 1},
    // repeat
    {"repeat this song", K::kRepeat, "", -1, {}, -1, "track"},
    {"repeat track", K::kRepeat, "", -1, {}, -1, "track"},
    {"repeat the playlist", K::kRepeat, "", -1, {}, -1, "context"},
    {"repeat off", K::kRepeat, "", -1, {}, -1, "off"},
    {"don't repeat", K::kRepeat, "", -1, {}, -1, "off"},
    {"loop this one", K::kRepeat, "", -1, {}, -1, "track"},
    {"repeat all", K::kRepeat, "", -1, {}, -1, "context"},
    // queue
    {"queue bohemian rhapsody", K::kQueue, "bohemian rhapsody"},
    {"Queue up Hey Jude", K::kQueue, "hey jude"},
    {"add mr brightside to the queue", K::kQueue, "mr brightside"},
    {"play wonderwall next", K::kQueue, "wonderwall"},
    {"queue spotify:track:3n3Ppam7vgaVa1iaRUc9Lp", K::kQueue, "uri:spotify:track:3n3Ppam7vgaVa1iaRUc9Lp"},
    // devices
    {"list devices", K::kDevices},
    {"show my devices", K::kDevices},
    {"which devices are available?", K::kDevices},
    {"what speakers do I have", K::kDevices},
    {"switch to kitchen speaker", K::kTransfer, "kitchen speaker"},
    {"Switch to the Kitchen Speaker", K::kTransfer, "kitchen speaker"},
    {"transfer playback to my laptop", K::kTransfer, "laptop"},
    {"play on living room tv", K::kTransfer, "living room tv"},
    {"move the music to bedroom", K::kTransfer, "bedroom"},
    // now playing
    {"what's playing?", K::kNowPlaying},
    {"what song is this", K::kNowPlaying},
    {"now playing", K::kNowPlaying},
    // recommend / playlist
    {"recommend something upbeat", K::kRecommend, "upbeat"},
    {"suggest me some indie rock", K::kRecommend, "indie rock"},
    {"make a playlist for my morning run", K::kMakePlaylist, "my morning run"},
    {"create a playlist of 90s hip hop", K::kMakePlaylist, "90s hip hop"},
    // not commands
    {"", K::kNone},
    {"   ", K::kNone},
    {"hello there", K::kNone},
    {"how are you today?", K::kNone},
    {"tell me about the history of jazz", K::kNone},
};

void PrintTo(const Row& row, std::ostream* os) { *os << '"' << row.text << '"'; }

class CommandTable : public ::testing::TestWithParam<Row> {};

TEST_P(CommandTable, Parses) {
  const Row& row = GetParam();
  Command c = ParseCommand(row.text);
  EXPECT_EQ(ToString(c.kind), ToString(row.kind)) << '"' << row.text << '"';
  std::string expected = row.query;
  if (expected.rfind("uri:", 0) == 0) {
    EXPECT_EQ(c.uri.value_or("<none>"), expected.substr(4)) << row.text;
  } else if (row.kind != K::kNone) {
    EXPECT_EQ(c.query, expected) << row.text;
  }
  if (row.volume >= 0) {
    EXPECT_EQ(c.volume, row.volume) << row.text;
    EXPECT_EQ(c.volume_change, row.change) << row.text;
  }
  if (row.state >= 0) {
    EXPECT_EQ(c.state, row.state == 1) << row.text;
  }
  if (*row.repeat) {
    EXPECT_EQ(c.repeat, row.repeat) << row.text;
  }
  if (*row.mood) {
    EXPECT_EQ(c.mood.value_or("<none>"), row.mood) << row.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Phrasings, CommandTable, ::testing::ValuesIn(kTable));

TEST(CommandTableSize, HasAtLeastSixtyPhrasings) {
  EXPECT_GE(std::size(kTable), 60u);
}

TEST(CommandParser, SpecificTitlesCarryNoMood) {
  EXPECT_FALSE(ParseCommand("play bohemian rhapsody").mood.has_value());
  EXPECT_EQ(ParseCommand("play something calm").mood, "calm");
}

TEST(CommandParser, ToStringNamesEveryKind) {
  EXPECT_EQ(ToString(K::kNowPlaying), "now_playing");
  EXPECT_EQ(ToString(K::kMakePlaylist), "make_playlist");
  EXPECT_EQ(ToString(K::kNone), "none");
}

}  // namespace
}  // namespace echotune::chat
