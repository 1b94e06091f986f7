#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into OUT/<target>/ (docs/fuzzing.md).

Seeds come from small samples of ../shared/data (read at run time, never copied
into the repository), from the string literals of the parsers' unit tests, and
from a few hand-written inputs. Usage: fuzz/seeds.py OUT [DATA_DIR [TARGET...]]
(all targets when none is named).
"""
import glob
import hashlib
import hmac
import base64
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1]
DATA = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared", "data")
WANTED = set(sys.argv[3:])


def want(target):
    return not WANTED or target in WANTED
MAX_SEED = 4096  # bytes; the fuzzers run with -max_len 8192


def put(target, data):
    if not want(target):
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data[:MAX_SEED]
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def unescape(lit):
    try:
        return bytes(lit, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return lit


def literals(pattern):
    """String literals ("…" and R"(…)") of the files matching pattern."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        text = open(path, encoding="utf-8").read()
        out += re.findall(r'R"\((.*?)\)"', text, re.S)
        text = re.sub(r'R"\(.*?\)"', "", text, flags=re.S)
        out += [unescape(s) for s in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text)]
    return [s for s in out if s]


def data_files(pattern):
    return sorted(glob.glob(os.path.join(DATA, pattern), recursive=True))


def head_lines(path, n):
    with open(path, encoding="utf-8", errors="replace") as f:
        return "".join(next(f, "") for _ in range(n))


def json_head(path, n):
    with open(path, encoding="utf-8") as f:
        return json.load(f)[:n]


# --- catalogue CSV: first byte lenient/strict, then a file's first rows -------
for path in data_files("**/*.csv") if want("catalog_csv") else []:
    text = head_lines(path, 6)
    put("catalog_csv", "\0" + text)
    put("catalog_csv", "\1" + text)
put("catalog_csv", '\0id,name,artists\r\n"1","a ""quoted"" name",x\r\n2,"multi\nline",y')
for s in literals("src/ingest/csv_reader_test.cpp") + literals("src/ingest/catalog_*_test.cpp"):
    if "," in s:
        put("catalog_csv", "\0" + s)

# --- streaming history: selector byte 0 basic, 1 extended, 2 legacy, 3 podcast, 4 video
for path in data_files("spotify-export-samples/**/StreamingHistory*.json") if want("spotify_history") else []:
    put("spotify_history", "\0" + json.dumps(json_head(path, 3), indent=1, ensure_ascii=False))
for path in data_files("spotify-export-samples/**/Streaming_History_Audio*.json") if want("spotify_history") else []:
    put("spotify_history", "\1" + json.dumps(json_head(path, 2), indent=1, ensure_ascii=False))
for path in data_files("spotify-export-samples/**/Streaming_History_Video*.json") if want("spotify_history") else []:
    put("spotify_history", "\4" + json.dumps(json_head(path, 2), indent=1, ensure_ascii=False))
for s in literals("src/ingest/streaming_history_parser_test.cpp") + literals("src/ingest/export_*_test.cpp"):
    if s.lstrip().startswith("["):
        for sel in "\0\1\2":
            put("spotify_history", sel + s)
put("spotify_history", '\2[{"ts":"2014-03-01T10:00:00Z","username":"u","ms_played":1000,'
    '"master_metadata_track_name":"T","master_metadata_album_artist_name":"A",'
    '"master_metadata_album_album_name":"B","spotify_track_uri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC",'
    '"skipped":null,"reason_start":"trackdone","reason_end":"endplay"}]')

# --- YourLibrary.json (selector even) and Playlist*.json (odd) ----------------
put("spotify_library", '\0{"tracks":[{"artist":"A","album":"B","track":"T",'
    '"uri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC"}],"bannedTracks":[{"artist":"C","track":"U","uri":""}],'
    '"albums":[],"shows":[],"episodes":[],"artists":[]}')
put("spotify_library", '\1{"playlists":[{"name":"Road","lastModifiedDate":"2024-01-02",'
    '"description":"d","items":[{"track":{"trackName":"T","artistName":"A","albumName":"B",'
    '"trackUri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC"},"episode":null,"localTrack":null,'
    '"addedDate":"2024-01-02"},{"track":null,"episode":{"episodeName":"E"}}],"numberOfFollowers":0}]}')
for s in literals("src/ingest/export_format_test.cpp") + literals("src/ingest/export_importer_test.cpp"):
    if s.lstrip().startswith("{"):
        put("spotify_library", "\0" + s)
        put("spotify_library", "\1" + s)

# --- JSON request bodies ------------------------------------------------------
BODIES = [
    {"trackId": "4uLU6hMCjMI75M1A2tKUQC", "playedAt": "2024-05-01T10:00:00Z", "durationMs": 200000,
     "trackName": "T", "artistName": "A", "albumName": "B", "skipped": False,
     "context": {"contextType": "playlist", "contextUri": "spotify:playlist:x", "deviceType": "smartphone"}},
    {"listens": [{"trackId": "t1", "playedAt": "2024-05-01T10:00:00.123Z"}, {"trackId": "t2"}]},
    {"prompt": "artist:(Radiohead):2 tag:(indie & chill) energy:low ::hard", "trackCount": 20, "public": True},
    {"name": "n", "description": "d", "add": ["t1", "t9"], "remove": ["t0"], "move": {"from": 0, "to": 2}},
    {"sessionId": "65a1b2c3d4e5f60718293a4b", "message": "play something calm", "stream": True,
     "provider": "openai", "model": "gpt-4o-mini"},
    {"uri": "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "deviceId": "d1", "contextUri": "spotify:album:x",
     "uris": ["spotify:track:a"], "positionMs": 0},
    {"percent": 55}, {"state": True}, {"state": "context"}, {"deviceId": "abc", "play": True},
    {"text": "volume up please"},
    {"llmProvider": "anthropic", "llmModel": "m", "theme": "dark", "favoriteGenres": ["rock"],
     "audioFeatures": {"energy": 0.5, "valence": 0.2}, "notifications": {"email": True}},
    {"_id": "65a1b2c3d4e5f60718293a4b", "userId": "65a1b2c3d4e5f60718293a4c", "name": "p",
     "tracks": [{"trackId": "t", "name": "n", "artist": "a", "position": 0, "addedAt": "2024-01-01T00:00:00Z"}],
     "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z", "isPublic": False},
    {"a": {"$where": 1}}, {"a.b": 1}, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
]
for b in BODIES:
    put("json_body", json.dumps(b))
for s in (literals("src/model/*_test.cpp") + literals("src/http/json_body_test.cpp") +
          literals("src/api/*_test.cpp") + literals("tests/e2e/*_test.cpp")):
    if s.lstrip()[:1] in "{[":
        try:
            json.loads(s)
            put("json_body", s)
        except ValueError:
            pass

# --- HTTP requests ------------------------------------------------------------
def req(method, target, headers=(), body=""):
    h = "".join(f"{k}: {v}\r\n" for k, v in headers)
    if body:
        h += f"Content-Length: {len(body.encode())}\r\n"
    return f"{method} {target} HTTP/1.1\r\nHost: localhost\r\n{h}\r\n{body}"

AUTH = ("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJ4In0.c2ln")
put("http_request", req("GET", "/api/health"))
put("http_request", req("GET", "/api/recommendations?limit=10&strategy=hybrid&mood=chill%20out+x", [AUTH]))
put("http_request", req("GET", "/api/playlists/65a1b2c3d4e5f60718293a4b", [AUTH, ("X-Request-Id", "abc")]))
put("http_request", req("PATCH", "/api/playlists/65a1b2c3d4e5f60718293a4b", [AUTH, ("Content-Type", "application/json")],
                        json.dumps(BODIES[3])))
put("http_request", req("POST", "/api/playlists/generate", [AUTH, ("Content-Type", "application/json")],
                        json.dumps(BODIES[2])))
put("http_request", req("POST", "/api/auth/login", [("X-Forwarded-For", "10.0.0.1, 10.0.0.2")], '{"code":"x"}'))
put("http_request", req("OPTIONS", "/api/settings", [("Origin", "http://localhost:5173"),
                                                    ("Access-Control-Request-Method", "PUT")]))
put("http_request", "POST /api/chat/sessions/x/messages HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
    "Authorization: Bearer a.b.c\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n")
put("http_request", req("HEAD", "/api/health", [("Connection", "close")]))
put("http_request", req("GET", "/api/recommendations/preview?strategy=mood_based&mood=chill&limit=50&offset=50"
                        "&seed_tracks=a,b&seed_genres=rock,pop&target_energy=0.5&target_valence=1"))
put("http_request", req("GET", "/api/spotify/search?q=daft%20punk&type=track,album&limit=5&offset=10"))
put("http_request", req("GET", "/api/spotify/top?type=artists&time_range=short_term&limit=10"))
put("http_request", req("PUT", "/api/spotify/play", [("Content-Type", "application/json")], json.dumps(BODIES[5])))
put("http_request", req("DELETE", "/api/settings"))

# --- JWT: odd = "<header>\n<payload>" signed by the target; even = a header value
put("jwt", '\1{"alg":"HS256","typ":"JWT"}\n{"userId":"65a1b2c3d4e5f60718293a4b","spotifyId":"s","jti":"j",'
    '"iat":1760000000,"exp":1760003600}')
put("jwt", '\1{"alg":"HS256"}\n{"userId":"u","exp":1e300}')
put("jwt", '\1{"alg":"none"}\n{"userId":"u","exp":1760003600}')
def b64(s):
    return base64.urlsafe_b64encode(s.encode()).rstrip(b"=").decode()
hp = b64('{"alg":"HS256","typ":"JWT"}') + "." + b64('{"userId":"u","exp":1760003600}')
sig = base64.urlsafe_b64encode(hmac.new(b"fuzz-secret", hp.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
put("jwt", "\0Bearer " + hp + "." + sig)
put("jwt", "\0bearer   " + hp + ".AAAA")
for s in literals("src/http/jwt_codec_test.cpp") + literals("src/http/verified_tokens_test.cpp"):
    put("jwt", "\0Bearer " + s)

# --- Redis replies (RESP2) ----------------------------------------------------
for s in ["+OK\r\n", "-ERR unknown command\r\n", ":42\r\n", "$5\r\nhello\r\n", "$-1\r\n", "*-1\r\n",
          "*2\r\n$3\r\nfoo\r\n:1\r\n",
          "*3\r\n$7\r\nmessage\r\n$16\r\nechotune:events\r\n$20\r\n{\"type\":\"nowPlaying\"}\r\n",
          "*2\r\n$1\r\n0\r\n*2\r\n$11\r\necho:recs:1\r\n$11\r\necho:recs:2\r\n",
          "*1\r\n*1\r\n*1\r\n:1\r\n", "+PONG\r\n:1\r\n$0\r\n\r\n"]:
    put("redis_reply", s)

# --- Engine.IO / Socket.IO ----------------------------------------------------
for s in ['40{"token":"abc"}', '42["nowPlaying",{"trackId":"t"}]', '4212["event"]', '43/admin,12[1]',
          "2", "3probe", "5", "6", "1", '0{"sid":"x","upgrades":["websocket"],"pingInterval":25000}',
          '41', '44{"message":"unauthorized"}', '40/chat,{"token":"x"}',
          '42["a"]\x1e42["b",1]\x1e2', "4hello\x1e3\x1e6"]:
    put("socketio", s)
for s in literals("src/realtime/*_packet_test.cpp"):
    put("socketio", s)
    put("socketio", "4" + s)

# --- LLM streams: selector & 3 = vendor (0 OpenAI, 1 Anthropic, 2 Gemini, 3 SSE only), >> 2 = chunk size
OPENAI = ('data: {"id":"c","model":"gpt-4o-mini","choices":[{"delta":{"content":"Hi"}}]}\n\n'
          'data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"total_tokens":12}}\n\ndata: [DONE]\n\n')
ANTHROPIC = ('event: message_start\ndata: {"type":"message_start","message":{"model":"claude","usage":{"input_tokens":3}}}\n\n'
             'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}}\n\n'
             'event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":5}}\n\n'
             'event: message_stop\ndata: {"type":"message_stop"}\n\n'
             'event: error\ndata: {"type":"error","error":{"message":"overloaded"}}\n\n')
GEMINI = ('data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}],"modelVersion":"g"}\r\n\r\n'
          'data: {"candidates":[{"content":{"parts":[{"text":"!"}]},"finishReason":"STOP"}],'
          '"usageMetadata":{"totalTokenCount":9}}\r\n\r\n')
for sel, s in [(0, OPENAI), (1, ANTHROPIC), (2, GEMINI), (3, OPENAI), (3, ": comment\rdata: a\r\ndata: b\n\n")]:
    for chunk in (1, 7, 64):
        put("llm_stream", bytes([sel | ((chunk - 1) << 2)]) + s.encode())
put("llm_stream", b"\x00" + json.dumps({"choices": [{"message": {"content": "Hello"}}], "model": "m",
                                          "usage": {"total_tokens": 3}}).encode())
put("llm_stream", b"\x01" + json.dumps({"content": [{"type": "text", "text": "Hello"}], "model": "m",
                                          "usage": {"input_tokens": 1, "output_tokens": 2}}).encode())
put("llm_stream", b"\x02" + json.dumps({"candidates": [{"content": {"parts": [{"text": "Hello"}]}}]}).encode())
for s in literals("src/llm/sse_parser_test.cpp") + literals("src/llm/*provider*_test.cpp"):
    put("llm_stream", "\x03" + s)

# --- chat commands and playlist prompts: the unit tests' sentences ------------
for s in literals("src/chat/*_test.cpp") + ["hey echotune, could you please turn the volume to 75%",
                                            "play spotify:track:4uLU6hMCjMI75M1A2tKUQC", "repeat track"]:
    put("chat_command", s)
for s in literals("src/api/prompt_parser_test.cpp") + literals("src/api/radio_prompt_test.cpp") + [
        "make me a 20-song upbeat workout playlist with some rock",
        "artist:(Björk):2 tag:(indie, chill) tempo:90-110 year:1990-1999 stats:me liked:me ::easy"]:
    put("prompt", s)

os.makedirs(OUT, exist_ok=True)
print(" ".join(f"{t}:{len(os.listdir(os.path.join(OUT, t)))}" for t in sorted(os.listdir(OUT))))
