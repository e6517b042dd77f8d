// Drives deskpane-spemu with PnPjs 4 (@pnp/sp), unmodified, the way an
// application would. Usage: node checks.mjs <siteUrl> <bearerSiteUrl> <faultySiteUrl>
// Prints "ok - name" / "not ok - name: why" per check and exits 1 on any failure.
import { spfi, SPBrowser } from "@pnp/sp";
import { BearerToken } from "@pnp/queryable";
import "@pnp/sp/webs/index.js";
import "@pnp/sp/lists/index.js";
import "@pnp/sp/items/index.js";
import "@pnp/sp/fields/index.js";
import "@pnp/sp/batching.js";
import "@pnp/sp/site-users/web.js";
import "@pnp/sp/regional-settings/web.js";

const [siteUrl, bearerUrl, faultyUrl] = process.argv.slice(2);
if (!siteUrl || !bearerUrl || !faultyUrl) {
  console.error("usage: node checks.mjs <siteUrl> <bearerSiteUrl> <faultySiteUrl>");
  process.exit(2);
}
const origin = (url) => new URL(url).origin;

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e && e.message ? e.message.split("\n")[0].slice(0, 400) : e}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
async function expectStatus(promise, status) {
  try {
    await promise;
  } catch (e) {
    assert(e.status === status, `expected HTTP ${status}, got ${e.status}: ${e.message}`);
    return e;
  }
  throw new Error(`expected HTTP ${status}, the call succeeded`);
}
async function stats(url) {
  return (await fetch(`${origin(url)}/_emulator/stats`)).json();
}
async function resetStats(url) {
  await fetch(`${origin(url)}/_emulator/stats/reset`, { method: "POST" });
}

const sp = spfi(siteUrl).using(SPBrowser());
const tasks = sp.web.lists.getByTitle("Tasks");

await check("web() answers the demo site", async () => {
  const web = await sp.web();
  assert(web.Title === "Demo", `Title ${web.Title}`);
  assert(web.ServerRelativeUrl === "/sites/demo", web.ServerRelativeUrl);
});

await check("web.select() limits the properties", async () => {
  const web = await sp.web.select("Title", "Id")();
  assert(web.Title === "Demo" && web.Id, JSON.stringify(web));
  assert(web.Url === undefined, "Url was not selected");
});

await check("lists filtered and selected", async () => {
  const lists = await sp.web.lists.select("Id", "Title", "BaseTemplate").filter("Hidden eq false")();
  assert(lists.length === 5, `got ${lists.length} lists`);
  const templates = Object.fromEntries(lists.map((l) => [l.Title, l.BaseTemplate]));
  assert(templates.Calendar === 106 && templates.Contacts === 105 && templates.Tasks === 171 &&
         templates.Notes === 100 && templates.Inbox === 108, JSON.stringify(templates));
});

await check("getByTitle and getById address the same list", async () => {
  const byTitle = await tasks();
  const byId = await sp.web.lists.getById(byTitle.Id)();
  assert(byId.Title === "Tasks" && byId.Id === byTitle.Id, JSON.stringify(byId));
  assert(byTitle.ListItemEntityTypeFullName === "SP.Data.TasksListItem", byTitle.ListItemEntityTypeFullName);
});

await check("items select/filter/orderBy/top", async () => {
  const items = await tasks.items.select("Id", "Title", "Status").filter("Status eq 'Completed'").orderBy("Id").top(1)();
  assert(items.length === 1 && items[0].Status === "Completed", JSON.stringify(items));
  const dated = await tasks.items.select("Id").filter(`Modified ge datetime'2000-01-01T00:00:00Z'`)();
  assert(dated.length >= 12, `dated ${dated.length}`);
});

await check("async iteration follows odata.nextLink pages", async () => {
  const pages = [];
  for await (const page of tasks.items.select("Id", "Title").top(5)) pages.push(page.map((i) => i.Id));
  assert(pages.length >= 3, `only ${pages.length} pages`);
  assert(pages[0].length === 5, `first page ${pages[0].length}`);
  const ids = pages.flat();
  assert(new Set(ids).size === ids.length, "a page repeated items");
});

await check("items.skip() uses $skiptoken", async () => {
  const items = await tasks.items.select("Id").top(2).skip(2)();
  assert(items.length === 2 && items[0].Id === 3, JSON.stringify(items));
});

await check("getById reads one item", async () => {
  const item = await tasks.items.getById(1)();
  assert(item.Id === 1 && typeof item.Title === "string", JSON.stringify(item).slice(0, 200));
});

let createdId = 0;
await check("items.add creates with a form digest", async () => {
  const created = await tasks.items.add({ Title: "Written by PnPjs", PercentComplete: 0.5, AssignedToId: [7] });
  createdId = created.Id;
  assert(createdId > 0 && created.Title === "Written by PnPjs", JSON.stringify(created).slice(0, 200));
  assert(created.PercentComplete === 0.5, `PercentComplete ${created.PercentComplete}`);
});

await check("update with the right ETag returns the new ETag header", async () => {
  const result = await tasks.items.getById(createdId).update({ Title: "Renamed by PnPjs" }, '"1"');
  assert(result.etag && result.etag.endsWith(',2"'), `etag ${result.etag}`);
  const item = await tasks.items.getById(createdId).select("Title", "owshiddenversion")();
  assert(item.Title === "Renamed by PnPjs" && item.owshiddenversion === 2, JSON.stringify(item));
});

await check("update with a stale ETag fails with 412", async () => {
  const e = await expectStatus(tasks.items.getById(createdId).update({ Title: "stale" }, '"1"'), 412);
  assert(e.message.includes("does not match the object's ETag value"), e.message);
});

await check("update without ETag overwrites (If-Match: *)", async () => {
  await tasks.items.getById(createdId).update({ Status: "In Progress" });
  const item = await tasks.items.getById(createdId)();
  assert(item.Status === "In Progress", item.Status);
});

await check("unknown property is a 400", async () => {
  await expectStatus(tasks.items.add({ NoSuchField: 1 }), 400);
});

await check("missing list and item are 404", async () => {
  await expectStatus(sp.web.lists.getByTitle("No such list")(), 404);
  await expectStatus(tasks.items.getById(999999)(), 404);
});

let token = "";
await check("CurrentChangeToken then getChanges sees add, update, delete", async () => {
  const list = await tasks.select("CurrentChangeToken")();
  token = list.CurrentChangeToken.StringValue;
  assert(token.startsWith("1;3;"), token);
  const created = await tasks.items.add({ Title: "For the change log" });
  await tasks.items.getById(created.Id).update({ Title: "Changed" });
  await tasks.items.getById(created.Id).delete();
  const changes = await tasks.getChanges({
    Item: true, Add: true, Update: true, DeleteObject: true, Restore: true,
    ChangeTokenStart: { StringValue: token },
  });
  const types = changes.filter((c) => c.ItemId === created.Id).map((c) => c.ChangeType);
  assert(JSON.stringify(types) === "[1,2,3]", `change types ${JSON.stringify(types)}`);
  assert(changes.every((c) => c.ChangeToken && c.ChangeToken.StringValue), "every change carries its token");
});

await check("getChanges with a foreign token is an error", async () => {
  const calendar = await sp.web.lists.getByTitle("Calendar")();
  const foreign = token.replace(/^1;3;[^;]+;/, `1;3;${calendar.Id};`);
  const e = await expectStatus(tasks.getChanges({ Item: true, Add: true, ChangeTokenStart: { StringValue: foreign } }), 500);
  assert(e.message.includes("changeToken"), e.message);
});

await check("getListItemChangesSinceToken returns the rowset XML", async () => {
  const xml = await tasks.getListItemChangesSinceToken({ ChangeToken: token, RowLimit: "100" });
  assert(typeof xml === "string" && xml.includes("<GetListItemChangesSinceTokenResult>"), String(xml).slice(0, 100));
  assert(xml.includes('ChangeType="Delete"'), "the deletion is listed");
  const full = await tasks.getListItemChangesSinceToken({ RowLimit: "100", ViewFields: "<ViewFields><FieldRef Name='Title'/></ViewFields>" });
  assert(full.includes("<z:row") && full.includes("<List "), "full listing has rows and the schema");
});

await check("recycle returns the recycle bin id", async () => {
  const created = await tasks.items.add({ Title: "To the recycle bin" });
  const id = await tasks.items.getById(created.Id).recycle();
  assert(typeof id === "string" && id.length === 36, JSON.stringify(id));
  await expectStatus(tasks.items.getById(created.Id)(), 404);
});

await check("fields filtered by Hidden", async () => {
  const fields = await sp.web.lists.getByTitle("Calendar").fields.select("InternalName", "TypeAsString", "Hidden").filter("Hidden eq false")();
  const names = fields.map((f) => f.InternalName);
  assert(names.includes("EventDate") && !names.includes("RecurrenceData"), names.join(","));
});

await check("hidden calendar fields only when selected", async () => {
  const cal = sp.web.lists.getByTitle("Calendar");
  const plain = await cal.items.top(50)();
  assert(plain.every((e) => e.RecurrenceData === undefined), "RecurrenceData leaked into the default projection");
  const masters = await cal.items.select("Id", "Title", "RecurrenceData", "EventType", "fAllDayEvent").filter("EventType eq 1")();
  assert(masters.length >= 3 && masters.every((e) => e.RecurrenceData.startsWith("<recurrence>")), JSON.stringify(masters).slice(0, 200));
});

await check("currentUser and regional time zone", async () => {
  const user = await sp.web.currentUser();
  assert(user.Id === 7 && user.Email === "alice@contoso.com", JSON.stringify(user));
  const tz = await sp.web.regionalSettings.timeZone();
  assert(tz.Id === 13 && tz.Information && tz.Information.Bias === 480, JSON.stringify(tz));
});

await check("discussion thread and reply through AddValidateUpdateItemUsingPath", async () => {
  const inbox = sp.web.lists.getByTitle("Inbox");
  const root = "/sites/demo/Lists/Inbox";
  const thread = await inbox.addValidateUpdateItemUsingPath(
    [{ FieldName: "Title", FieldValue: "Überraschung — PnPjs thread" }, { FieldName: "Body", FieldValue: "<p>Hallo</p>" },
     { FieldName: "ContentType", FieldValue: "Discussion" }],
    root, false, undefined, { objectType: 1, leafName: "PnPjs thread" });
  const threadId = Number(thread.find((v) => v.FieldName === "Id").FieldValue);
  assert(threadId > 0 && thread.every((v) => !v.HasException), JSON.stringify(thread));
  const reply = await inbox.addValidateUpdateItemUsingPath(
    [{ FieldName: "Body", FieldValue: "<p>Reply</p>" }, { FieldName: "ContentType", FieldValue: "Message" },
     { FieldName: "ParentItemID", FieldValue: String(threadId) }],
    `${root}/PnPjs thread`);
  const replyId = Number(reply.find((v) => v.FieldName === "Id").FieldValue);
  const item = await inbox.items.getById(replyId).select("Title", "ParentItemID", "FileDirRef", "ContentType/Name").expand("ContentType")();
  assert(item.ParentItemID === threadId && item.FileDirRef === `${root}/PnPjs thread`, JSON.stringify(item));
  assert(item.ContentType.Name === "Message", JSON.stringify(item));
  const folder = await inbox.items.getById(threadId).select("FileSystemObjectType", "ItemChildCount")();
  assert(folder.FileSystemObjectType === 1 && folder.ItemChildCount === 1, JSON.stringify(folder));
  const threads = await inbox.items.select("Id").filter("ContentType eq 'Discussion'")();
  assert(threads.some((t) => t.Id === threadId), "thread found by content type");
});

await check("$batch: reads and a changeset write in one request", async () => {
  await resetStats(siteUrl);
  const [batchedSP, execute] = sp.batched();
  const list = batchedSP.web.lists.getByTitle("Tasks");
  let web, item, added;
  batchedSP.web.select("Title")().then((r) => (web = r));
  list.items.getById(1)().then((r) => (item = r));
  list.items.add({ Title: "Batched" }).then((r) => (added = r));
  await execute();
  assert(web && web.Title === "Demo", JSON.stringify(web));
  assert(item && item.Id === 1, JSON.stringify(item));
  assert(added && added.Title === "Batched" && added.Id > 0, JSON.stringify(added));
  const s = await stats(siteUrl);
  assert((s.by_route["POST $batch"] || 0) === 1, JSON.stringify(s.by_route));
});

await check("gzip-compressed answers are read transparently", async () => {
  const res = await fetch(`${siteUrl}/_api/web/lists/getByTitle('Contacts')/items`, {
    headers: { accept: "application/json", "accept-encoding": "gzip" },
  });
  assert(res.headers.get("content-encoding") === "gzip", `content-encoding ${res.headers.get("content-encoding")}`);
  const json = await res.json();
  assert(json.value.length === 12, `contacts ${json.value.length}`);
});

// ---- bearer auth: device-code flow against the emulator's own authority
await check("bearer: no token is 401 with WWW-Authenticate", async () => {
  const res = await fetch(`${bearerUrl}/_api/web`, { headers: { accept: "application/json" } });
  assert(res.status === 401, `status ${res.status}`);
  assert((res.headers.get("www-authenticate") || "").startsWith("Bearer realm="), res.headers.get("www-authenticate"));
});

let accessToken = "";
await check("bearer: device code flow issues tokens", async () => {
  const authority = `${origin(bearerUrl)}/organizations/oauth2/v2.0`;
  const form = (o) => new URLSearchParams(o).toString();
  const formHeaders = { "content-type": "application/x-www-form-urlencoded" };
  const dc = await (await fetch(`${authority}/devicecode`, {
    method: "POST", headers: formHeaders, body: form({ client_id: "deskpane", scope: "https://contoso.sharepoint.com/.default offline_access" }),
  })).json();
  assert(dc.device_code && dc.user_code && dc.interval >= 1, JSON.stringify(dc));
  let tokenResponse;
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(`${authority}/token`, {
      method: "POST", headers: formHeaders,
      body: form({ grant_type: "urn:ietf:params:oauth:grant-type:device_code", client_id: "deskpane", device_code: dc.device_code }),
    });
    tokenResponse = await res.json();
    if (res.status === 200) break;
    assert(tokenResponse.error === "authorization_pending", JSON.stringify(tokenResponse));
  }
  assert(tokenResponse.access_token && tokenResponse.refresh_token, JSON.stringify(tokenResponse));
  const refreshed = await (await fetch(`${authority}/token`, {
    method: "POST", headers: formHeaders,
    body: form({ grant_type: "refresh_token", client_id: "deskpane", refresh_token: tokenResponse.refresh_token }),
  })).json();
  assert(refreshed.access_token, JSON.stringify(refreshed));
  accessToken = refreshed.access_token;
});

await check("bearer: PnPjs with BearerToken reads and writes without a digest", async () => {
  await resetStats(bearerUrl);
  const spb = spfi(bearerUrl).using(SPBrowser(), BearerToken(accessToken));
  const web = await spb.web();
  assert(web.Title === "Demo", JSON.stringify(web));
  const created = await spb.web.lists.getByTitle("Notes").items.add({ Title: "Bearer note" });
  assert(created.Id > 0, JSON.stringify(created));
  const s = await stats(bearerUrl);
  assert(!s.by_route["POST contextinfo"], `a digest was fetched: ${JSON.stringify(s.by_route)}`);
});

await check("bearer: an invalid token is refused", async () => {
  const spb = spfi(bearerUrl).using(SPBrowser(), BearerToken("not-a-token"));
  await expectStatus(spb.web(), 401);
});

// ---- faults: PnPjs' own retry policy against a server that is always busy
await check("faults: 503 with Retry-After is retried 3 times, then PnPjs gives up", async () => {
  await resetStats(faultyUrl);
  const spf = spfi(faultyUrl).using(SPBrowser());
  let error;
  try {
    await spf.web();
  } catch (e) {
    error = e;
  }
  assert(error && /Retry count exceeded \(3\)/.test(error.message), error ? error.message : "no error");
  const s = await stats(faultyUrl);
  assert(s.requests === 3, `requests ${s.requests}`);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
