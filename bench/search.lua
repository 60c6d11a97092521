-- wrk script: GET /api/v1/organizations with the queries people type:
-- a country, an acronym, or two words of a name (see bench/apiload).
local countries = {"Afghanistan", "Mali", "Niger", "Chad", "Senegal", "Nigeria", "Somalia", "Yemen", "Sudan",
  "Switzerland", "France", "Indonesia", "Pakistan", "Bangladesh", "Egypt", "Jordan", "Lebanon", "Turkey", "Iraq", "Morocco"}
local kinds = {"Foundation", "Society", "Association", "Council", "Agency", "Fund", "Institute", "Network", "Alliance", "Trust"}
local fields = {"Health", "Education", "Water", "Migration", "Refugees", "Children", "Women", "Development", "Research", "Peace"}
math.randomseed(42)
request = function()
  local r = math.random(4)
  local q
  if r <= 2 then q = countries[math.random(#countries)]
  elseif r == 3 then q = "O" .. math.random(10000)
  else q = kinds[math.random(#kinds)] .. "+" .. fields[math.random(#fields)] end
  return wrk.format("GET", "/api/v1/organizations?per_page=50&q=" .. q)
end
