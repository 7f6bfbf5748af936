-- wrk script: GET /api/v1/alerts as a random one of the phones in tokens.txt (from simulate --poll-setup).
-- Usage: wrk -t2 -c64 -d30s --latency -s deploy/bench/poll.lua http://localhost:8080/api/v1/alerts
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "poll-tokens.txt") do
  tokens[#tokens + 1] = line
end

request = function()
  local token = tokens[math.random(#tokens)]
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end
