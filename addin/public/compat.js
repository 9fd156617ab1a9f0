// biome-ignore-all lint: ES5 on purpose: Internet Explorer 11 (volume-licensed Office 2016/2019) must parse this file.
// The pages' first script (classic, ES5): where the webview cannot run the pane (Internet Explorer 11, Edge Legacy
// 18), it replaces 「正在加载…」 with what to do instead; elsewhere it stands guard until the app marks #app
// data-started, and says so if the bundle fails to evaluate or has not started within WATCHDOG_MS.
// biome-ignore format: a trailing comma in a wrapped call is a syntax error in Internet Explorer 11.
(function () {
  'use strict';

  var WATCHDOG_MS = 15000;
  var MESSAGE_ID = 'compat-message';
  var root = document.getElementById('app');
  if (!root) return;
  var onWebPage = /(^|\s)app--web(\s|$)/.test(root.className);
  var webPageUrl = location.protocol + '//' + location.host + '/app/';

  /** What the built bundle needs and Internet Explorer 11 or Edge Legacy 18 lacks, by name. */
  function missingFeatures() {
    var missing = [];
    if (!('noModule' in document.createElement('script'))) missing.push('<script type="module">');
    if (typeof Promise !== 'function') missing.push('Promise');
    if (typeof window.fetch !== 'function') missing.push('fetch');
    if (typeof Object.fromEntries !== 'function') missing.push('Object.fromEntries');
    if (typeof Array.prototype.flatMap !== 'function') missing.push('Array.prototype.flatMap');
    if (typeof BigInt !== 'function') missing.push('BigInt');
    if (typeof globalThis === 'undefined') missing.push('globalThis');
    if (typeof TextEncoder !== 'function') missing.push('TextEncoder');
    if (typeof Element === 'undefined' || typeof Element.prototype.replaceChildren !== 'function') {
      missing.push('Element.prototype.replaceChildren');
    }
    return missing;
  }

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.appendChild(document.createTextNode(text));
    if (style) node.style.cssText = style;
    return node;
  }

  function paragraph(chinese, english) {
    var node = element('p', chinese, 'margin: 0 0 6px;');
    if (english) node.appendChild(element('span', english, 'display: block; color: #616161;'));
    return node;
  }

  /** The web page's address as a link (in the pane) or as text to copy into another browser (on the page). */
  function address() {
    var style = 'display: block; margin: 4px 0 10px; padding: 6px 8px; border: 1px solid #d1d1d1; ' +
      'background: #ffffff; font-family: Consolas, monospace; word-break: break-all; ' +
      'user-select: all; -ms-user-select: text;';
    var node;
    if (onWebPage) {
      node = element('span', webPageUrl, style);
    } else {
      node = element('a', webPageUrl, style + ' color: #0f6cbd;');
      node.href = webPageUrl;
      node.target = '_blank';
      node.rel = 'noopener';
    }
    node.id = 'compat-address';
    return node;
  }

  function whatToDo(box) {
    if (onWebPage) {
      box.appendChild(paragraph(
        '请在 Chrome 或新版 Edge 中打开此地址（360、QQ 等浏览器请切换到极速模式）：',
        'Open this address in Chrome or a current Edge (in 360 or QQ Browser, switch to 极速模式, the fast mode):'
      ));
      box.appendChild(address());
      return;
    }
    box.appendChild(paragraph(
      '请在 Chrome 或新版 Edge 中打开团建台账网页版，在网页版中校验、上传台账和下载通报：',
      'Open the web page in Chrome or a current Edge to check and upload the ledger and download the bulletin:'
    ));
    box.appendChild(address());
    box.appendChild(paragraph(
      '或者将 Office 更新到 Microsoft 365（或 Office 2021 及以上版本）；Office 2016/2019 零售版也可安装 ' +
        'Microsoft Edge WebView2 Runtime 后重新打开 Excel。',
      'Or update Office to Microsoft 365 (or Office 2021 or later); retail Office 2016/2019 can instead install ' +
        'the Microsoft Edge WebView2 Runtime and restart Excel.'
    ));
  }

  /** Replaces #app (「正在加载…」) with a message: a title, why, what to do, and optionally a reload button. */
  function show(kind, title, reason, detail) {
    if (document.getElementById(MESSAGE_ID)) return;
    var box = element('div', '', 'margin: 16px; padding: 12px 14px; border: 1px solid #b10e1c; ' +
      'border-left-width: 4px; background: #fdf3f4; color: #242424; line-height: 1.5; ' +
      'font-family: "Microsoft YaHei", "PingFang SC", "Segoe UI", sans-serif; font-size: 14px;');
    box.id = MESSAGE_ID;
    box.setAttribute('role', 'alert');
    box.setAttribute('data-kind', kind);
    var heading = paragraph(title[0], title[1]);
    heading.style.fontWeight = 'bold';
    heading.style.marginBottom = '10px';
    box.appendChild(heading);
    if (reason) box.appendChild(paragraph(reason[0], reason[1]));
    whatToDo(box);
    var reload;
    if (kind !== 'old-webview') {
      reload = element('button', '重新加载 / Reload', 'margin-top: 6px; padding: 4px 14px; font: inherit;');
      reload.type = 'button';
      reload.onclick = function () {
        location.reload();
      };
      box.appendChild(reload);
    }
    if (detail) box.appendChild(element('p', '技术信息 / Details: ' + detail, 'margin: 10px 0 0; font-size: 12px; color: #616161;'));
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(box);
  }

  /** Until the app marks #app data-started, or replaces 「正在加载…」 itself (main.ts's own start-up error). */
  function stillLoading() {
    return !root.hasAttribute('data-started') && root.getElementsByClassName('loading').length > 0;
  }

  var missing = missingFeatures();
  if (missing.length > 0) {
    show('old-webview', onWebPage
      ? ['此浏览器版本过旧（如 Internet Explorer 11 或旧版 Edge），无法运行团建台账网页版。',
        'This browser is too old (e.g. Internet Explorer 11 or Edge Legacy) to run the 团建台账 web page.']
      : ['此 Excel 使用的是旧版浏览器内核（Internet Explorer 11 或旧版 Edge），无法运行团建台账任务窗格。',
        'This Excel runs add-ins in an old browser engine (Internet Explorer 11 or Edge Legacy), ' +
          'which cannot run the 团建台账 task pane.'],
      null, '缺少 / missing: ' + missing.join(', '));
    return;
  }

  function failed(kind, reason, detail) {
    if (!stillLoading()) return;
    show(kind, onWebPage
      ? ['团建台账网页版未能启动。', 'The 团建台账 web page did not start.']
      : ['团建台账任务窗格未能启动。', 'The 团建台账 task pane did not start.'], reason, detail);
  }

  var why = ['可能是网络中断，或此浏览器内核过旧。', 'The network may have dropped, or this browser engine is too old.'];

  // A module that throws while it evaluates (a built-in the bundle needs is missing) is reported here. Only the
  // pages' own scripts count: office.js (Microsoft's CDN, or /office-js/ here) reports its own troubles.
  var ownScripts = location.protocol + '//' + location.host + '/';
  window.addEventListener('error', function (event) {
    var file = event.filename || '';
    if (file.indexOf(ownScripts) !== 0 || file.indexOf('/office-js/') !== -1) return;
    failed('load-error', why, event.message || String(event.error));
  });
  // A module script that cannot be fetched fires its error on the element only: listen in the capture phase.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target.tagName === 'SCRIPT' && target.type === 'module') {
      failed('load-error', why, (target.src || 'script') + ' could not be loaded');
    }
  }, true);
  setTimeout(function () {
    failed('timeout', [
      '已等待 ' + WATCHDOG_MS / 1000 + ' 秒。' + why[0],
      'Waited ' + WATCHDOG_MS / 1000 + ' s. ' + why[1]
    ], null);
  }, WATCHDOG_MS);
})();
