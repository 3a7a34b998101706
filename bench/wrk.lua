-- wrk script for bench/pages.py: sets the method, body and cookies from the
-- environment and prints one JSON line with the throughput, the latency
-- percentiles and the failures: errors, and answers with a status of 400 or
-- more. It defines no response() on purpose: with one, wrk copies every
-- response body into Lua, which on a two-core machine takes CPU from the
-- server in proportion to the page's size (bench/results.md, 2026-11-24).
-- bench/pages.py checks each page's status and text before and after its
-- turns instead.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
end
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "unexpected": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
