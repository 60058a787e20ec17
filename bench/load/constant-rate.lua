-- Constant-rate load for Debian's wrk 4.1 (no -R option; wrk2 is not packaged).
-- Each thread keeps a schedule of RATE/threads requests per second: before every request, delay()
-- waits until the next free slot of the schedule. With enough connections the schedule is held
-- and wrk's latency is the service time of each request; requests that start late because every
-- connection was busy are counted ("late starts") and reported, so a run that could not hold the
-- rate says so instead of hiding it (coordinated omission).
--
-- Arguments after "--": RATE  PATH  IDS_FILE|""  COOKIE|""  THREADS
--   PATH may contain {id}: replaced by a random line of IDS_FILE for each request.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clk_id, timespec_t *tp);
]]
local ts = ffi.new("timespec_t")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

local interval, next_slot, path, ids, headers
late = 0
sent = 0
non_2xx = 0

function init(args)
  local rate = tonumber(args[1])
  path = args[2]
  ids = {}
  if args[3] and args[3] ~= "" then
    for line in io.lines(args[3]) do
      if line ~= "" then table.insert(ids, line) end
    end
  end
  headers = {}
  if args[4] and args[4] ~= "" then headers["Cookie"] = args[4] end
  -- The threads share the rate (THREADS is the 5th argument); their schedules start apart.
  local thread_total = tonumber(args[5]) or 1
  local index = tonumber(thread_index) or 1 -- set by setup() in this thread's state
  interval = 1000.0 * thread_total / rate
  next_slot = now_ms() + interval * index / thread_total
  math.randomseed(os.time() + index)
end

function delay()
  local t = now_ms()
  local slot = next_slot
  next_slot = next_slot + interval
  if slot < t - 5 then
    late = late + 1
    return 0
  end
  return math.max(0, math.floor(slot - t))
end

function request()
  sent = sent + 1
  local p = path
  if #ids > 0 then
    p = string.gsub(path, "{id}", ids[math.random(#ids)])
  end
  return wrk.format("GET", p, headers)
end

function response(status, hdrs, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests)
  local total_late, total_non2xx = 0, 0
  for _, t in ipairs(threads) do
    total_late = total_late + (tonumber(t:get("late")) or 0)
    total_non2xx = total_non2xx + (tonumber(t:get("non_2xx")) or 0)
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f mean_ms=%.2f non2xx=%d late_starts=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, latency.mean / 1000, total_non2xx, total_late,
    e.connect, e.read, e.write, e.timeout))
end
