// deskpane-bench sync: PnPjs (@pnp/sp, installed in tests/integration/pnpjs)
// reading every item of the given lists as a JS client would on a first
// sync: each list's pages of 5,000 in turn, the lists concurrently (what a
// Promise.all over lists gives). Run with that folder as the working dir.
// Prints "items N".
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(pathToFileURL(process.cwd() + "/").href);
const { spfi, SPBrowser } = await import(pathToFileURL(require.resolve("@pnp/sp")).href);
await import(pathToFileURL(require.resolve("@pnp/sp/webs/index.js")).href);
await import(pathToFileURL(require.resolve("@pnp/sp/lists/index.js")).href);
await import(pathToFileURL(require.resolve("@pnp/sp/items/index.js")).href);

const [siteUrl, titles] = process.argv.slice(2);
const sp = spfi().using(SPBrowser({ baseUrl: siteUrl }));
let items = 0;
await Promise.all(
  titles.split(",").map(async (title) => {
    for await (const page of sp.web.lists.getByTitle(title).items.top(5000)) items += page.length;
  }),
);
console.log(`items ${items}`);
