import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { html } from './html-page.js';
import type { CastHeader } from './asciicast.js';

const require = createRequire(import.meta.url);

/** The player's standalone bundle and its style, from the asciinema-player package (npm). */
function playerAssets(): { script: string; style: string } {
  return {
    script: readFileSync(require.resolve('asciinema-player/dist/bundle/asciinema-player.min.js'), 'utf8'),
    style: readFileSync(require.resolve('asciinema-player/dist/bundle/asciinema-player.css'), 'utf8'),
  };
}

/** What the page's own script hands the player: the cast, its size and its chapter marks. */
interface PlayerSetup {
  cast: string;
  cols: number;
  rows: number;
}

/**
 * One self-contained page that plays `castText` in asciinema-player, inlined (its script, its
 * style and the recording): it works from a file or a course site with no network, and its
 * Content-Security-Policy forbids every fetch (the player's terminal is WebAssembly, which the
 * policy allows to compile). The player starts paused at the first frame, sized to the cast,
 * and fits the page's width; markers in the cast (`m` events) are its chapters.
 * @param header the cast's header, already checked (`readCast`).
 * @param name what to call the recording when it has no title (its file name).
 */
export function castToHtml(castText: string, header: CastHeader, name: string): string {
  const { script, style } = playerAssets();
  const title = header.title ?? name;
  const setup: PlayerSetup = { cast: castText, cols: header.width, rows: header.height };
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; img-src data:; font-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title)}</title>`,
    `<style>${style}</style>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${html(title)}</h1>`,
    `<p class="size">${header.width}×${header.height}, recorded with concur-tui; play with Space, seek with ← / →.</p>`,
    '<div id="player"></div>',
    // `<` as \u003c: the recording's text can never close the script element early.
    `<script type="application/json" id="cast-data">${JSON.stringify(setup).replace(/</g, '\\u003c')}</script>`,
    `<script>${script.replace(/<\/script/gi, '<\\/script')}</script>`,
    `<script>${START_PLAYER}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const PAGE_STYLE = `
body { font: 14px system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 16px; max-width: 1100px; }
h1 { font-size: 18px; margin: 0 0 4px; }
.size { color: #333; margin: 0 0 10px; }
`;

/**
 * Mounts the player on the inlined cast. `window.castPlayer` is the player's API (play, seek,
 * getCurrentTime…) for whoever embeds the page, its tests included.
 */
const START_PLAYER = `
(() => {
  const setup = JSON.parse(document.getElementById('cast-data').textContent);
  window.castPlayer = AsciinemaPlayer.create({ data: setup.cast }, document.getElementById('player'), {
    cols: setup.cols,
    rows: setup.rows,
    preload: true,
    fit: 'width',
    controls: true,
  });
})();
`;
