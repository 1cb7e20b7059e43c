// Builds the console's web assets from the pinned npm packages into visitorcentre/server/console/static/
// (and axe-core into tests/console/axe/). The built files are committed, so a server or CI never
// needs node: run this only after changing package.json (`npm ci && node build.mjs` in this folder).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const root = join(here, "..");
const staticDir = join(root, "visitorcentre", "server", "console", "static");
const axeDir = join(root, "tests", "console", "axe");
const version = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;

rmSync(staticDir, { recursive: true, force: true });
mkdirSync(join(staticDir, "images"), { recursive: true });
mkdirSync(axeDir, { recursive: true });

execFileSync(
  join(modules, ".bin", "sass"),
  ["--load-path=.", "--style=compressed", "--no-source-map", "--quiet-deps", "--quiet", "console.scss", join(staticDir, "console.css")],
  { cwd: here, stdio: "inherit" },
);
copyFileSync(join(here, "console.js"), join(staticDir, "console.js"));
copyFileSync(join(modules, "govuk-frontend/dist/govuk/govuk-frontend.min.js"), join(staticDir, "govuk-frontend.min.js"));
copyFileSync(join(modules, "@ministryofjustice/frontend/moj/moj-frontend.min.js"), join(staticDir, "moj-frontend.min.js"));
// MoJ's icons only: no crown, crest or logotype (they are for GOV.UK and the MoJ alone).
const images = join(modules, "@ministryofjustice/frontend/moj/assets/images");
for (const name of readdirSync(images)) {
  if (name.startsWith("icon-") && name.endsWith(".svg")) copyFileSync(join(images, name), join(staticDir, "images", name));
}
copyFileSync(join(modules, "axe-core/axe.min.js"), join(axeDir, "axe.min.js"));
copyFileSync(join(modules, "axe-core/LICENSE"), join(axeDir, "LICENSE"));

const mit = readFileSync(join(here, "MIT-LICENCE.txt"), "utf8");
writeFileSync(
  join(staticDir, "LICENCES.txt"),
  `Built from these npm packages (console-assets/package.json):\n\n` +
    `govuk-frontend ${version("govuk-frontend")}: Copyright (c) 2018 Crown Copyright (Government Digital Service)\n` +
    `@ministryofjustice/frontend ${version("@ministryofjustice/frontend")}: Copyright (c) 2019 Crown Copyright (Ministry of Justice)\n\n` +
    `Both are released under the MIT licence:\n\n${mit}`,
);
writeFileSync(join(axeDir, "VERSION"), `axe-core ${version("axe-core")} (Mozilla Public License 2.0: LICENSE)\n`);
console.log(`Built into ${staticDir} and ${axeDir}`);
