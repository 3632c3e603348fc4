-- wrk script for Benchmarks/run.sh: POSTs the queries of a `kb bench search --write-queries` file to
-- /api/v1/search, one after the other (each thread starts at a different place), as text/plain pasted input with the
-- query's language as `lang`.
--
--   wrk -t2 -c64 -d20s --latency -s Benchmarks/search.lua http://127.0.0.1:8080 -- queries.tsv

local queries = {}
local next_query = 1

local function unescape(s)
  return (s:gsub("\\(.)", function(c)
    if c == "n" then return "\n" elseif c == "t" then return "\t" elseif c == "r" then return "\r" else return c end
  end))
end

function init(args)
  local path = args[1] or error("usage: wrk ... -s search.lua URL -- QUERIES.tsv")
  for line in io.lines(path) do
    local _, lang, text = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    if text and text ~= "" then
      table.insert(queries, { path = "/api/v1/search?limit=10&lang=" .. lang, body = unescape(text) })
    end
  end
  if #queries == 0 then error(path .. ": no queries") end
  next_query = (id or 0) * 7919 % #queries + 1
end

function setup(thread)
  thread:set("id", counter_id or 0)
  counter_id = (counter_id or 0) + 1
end

function request()
  local q = queries[next_query]
  next_query = next_query % #queries + 1
  return wrk.format("POST", q.path, { ["Content-Type"] = "text/plain; charset=utf-8" }, q.body)
end
