// Engram's script for the card page.  It runs in a private script world
// ("engram"), so the page's own content cannot call it or its message
// handler.  The app calls engram.show() with data (never with source code
// built from card text) and hears back through messageHandlers.engram.
(() => {
  'use strict';

  // The page's view: the app sends each message to that view's owner.
  const view = Number(new URLSearchParams(window.location.search).get('view'));
  const post = (message) => window.webkit.messageHandlers.engram.postMessage({ ...message, view });
  const $ = (id) => document.getElementById(id);

  // Reports once the frame that shows the change has been painted: the
  // animation frame callback runs just before that paint, the task queued
  // from it right after.
  function afterPaint(type, token) {
    requestAnimationFrame(() => setTimeout(() => post({ type, token }), 0));
  }

  function setHtml(element, html) {
    // The HTML comes from Engram's renderer, which escapes card text.
    element.innerHTML = html;
  }

  // Search terms are highlighted in the text nodes of the card: a <mark>
  // element is made around the matching text, which stays a text node, so
  // no term is ever read as HTML.  Case and diacritics are ignored, as the
  // search does; a word matches whole words (for "word*", the words it
  // starts), text without letters or digits ("=>") anywhere.
  const WORD = /[\p{L}\p{N}]/u;

  // The text folded, and for each unit of it the index of the character it
  // came from (with one more for the end).
  function fold(text) {
    let folded = '';
    const map = [];
    for (let i = 0; i < text.length;) {
      const ch = String.fromCodePoint(text.codePointAt(i));
      const f = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      for (let k = 0; k < f.length; k++) map.push(i);
      folded += f;
      i += ch.length;
    }
    map.push(text.length);
    return { folded, map };
  }

  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

  // A phrase's words (one space apart in the term) match with any spaces
  // or punctuation between them, as in the index.
  function patternOf(term) {
    const prefix = term.endsWith('*') && term.length > 1;
    const text = fold(prefix ? term.slice(0, -1) : term).folded;
    if (!WORD.test(text)) return escapeRegExp(text);
    const words = text.split(' ').filter((word) => word.length > 0).map(escapeRegExp);
    return '(?<![\\p{L}\\p{N}])' + words.join('[^\\p{L}\\p{N}]+') +
      (prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])');
  }

  function markedRoots() {
    return [$('question'), $('answer-body'), $('parts')];
  }

  function clearMarks() {
    for (const root of markedRoots()) {
      for (const mark of root.querySelectorAll('mark.engram-match')) {
        const parent = mark.parentNode;
        mark.replaceWith(...mark.childNodes);
        parent.normalize();
      }
    }
  }

  function markTextNode(node, pattern) {
    const { folded, map } = fold(node.data);
    const ranges = [];
    for (const match of folded.matchAll(pattern)) {
      if (match[0].length > 0) ranges.push([map[match.index], map[match.index + match[0].length]]);
    }
    // from the end, so that the offsets before stay right
    for (let i = ranges.length - 1; i >= 0; i--) {
      const [start, end] = ranges[i];
      if (end <= start) continue;
      node.splitText(end);
      const middle = node.splitText(start);
      const mark = document.createElement('mark');
      mark.className = 'engram-match';
      middle.replaceWith(mark);
      mark.append(middle);
    }
    return ranges.length;
  }

  function mark(marks) {
    clearMarks();
    const terms = Object.keys(marks || {})
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => String(marks[key]))
      .filter((term) => term.length > 0 && term !== '*');
    if (terms.length === 0) return 0;
    const pattern = new RegExp(terms.map(patternOf).join('|'), 'gu');
    let count = 0;
    for (const root of markedRoots()) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      for (const node of nodes) count += markTextNode(node, pattern);
    }
    return count;
  }

  // Highlights and the card's note (engram.annotate()).  A highlight is
  // given as a field ("question", "answer" or "part:NAME") and a range of
  // Unicode code points of that field's textContent (what the core anchors
  // on); it is drawn with the CSS Custom Highlight API, over the text,
  // which is never changed: highlights "engram-COLOR" and, for those with a
  // comment, "engram-COLOR-comment".  The ranges are made again whenever the card's
  // DOM changes (a card shown, search marks).
  const COLORS = ['yellow', 'green', 'blue', 'pink'];
  let highlights = [];   // { id, field, start, end, color, comment }
  let drawn = [];        // { id, range } as drawn now
  let prepared = new Map();   // highlight name -> its ranges, in every field
  let caretBrowsing = false;

  // JavaScript strings count UTF-16 units; the core counts code points.
  function codePoints(text) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      n++;
    }
    return n;
  }

  // The UTF-16 offset of the @count-th code point of @text
  function unitOffset(text, count) {
    let i = 0;
    for (let n = 0; n < count && i < text.length; n++) {
      const unit = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      i += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    }
    return i;
  }

  // The element whose textContent is @field's text
  function fieldElement(field) {
    if (field === 'question') return $('question');
    if (field === 'answer') return $('answer-body');
    if (typeof field === 'string' && field.startsWith('part:')) {
      const name = field.slice(5);
      for (const heading of $('parts').querySelectorAll('h2.part')) {
        if (heading.textContent === name) return heading.nextElementSibling;
      }
    }
    return null;
  }

  // The field @node is in, or null; field is null for a part that has the
  // name of an earlier one (the core knows only the first).
  function fieldOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const body = element && element.closest('#question, #answer-body, #parts > section.part-body');
    if (!body) return null;
    if (body.id === 'question') return { field: 'question', element: body };
    if (body.id === 'answer-body') return { field: 'answer', element: body };
    const field = 'part:' + body.previousElementSibling.textContent;
    return { field: fieldElement(field) === body ? field : null, element: body };
  }

  // The text nodes of @element, each with the code point it starts at
  function textIndex(element) {
    const nodes = [];
    let length = 0;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const n = codePoints(node.data);
      nodes.push({ node, start: length, length: n });
      length += n;
    }
    return { nodes, length };
  }

  // Where code point @at is: a start in the node it begins, an end in the
  // node it closes, so that a range never takes an empty edge of a node.
  function locate(index, at, isEnd) {
    for (const entry of index.nodes) {
      const inside = isEnd ? at > entry.start && at <= entry.start + entry.length
                           : at >= entry.start && at < entry.start + entry.length;
      if (inside) return [entry.node, unitOffset(entry.node.data, at - entry.start)];
    }
    return null;
  }

  // Registers the prepared ranges; those of a hidden answer only when
  // @all.  WebKit paints the ranges of a hidden answer over the question,
  // and not where they are once it shows: reveal() registers them, the
  // ranges made beforehand.
  // Registers the prepared ranges, but those of a hidden answer or part:
  // WebKit paints the ranges of a hidden element over the question, and not
  // where they are once it shows, so reveal() and a part's heading register
  // them again, the ranges made beforehand.
  function register() {
    for (const color of COLORS) {
      CSS.highlights.delete('engram-' + color);
      CSS.highlights.delete('engram-' + color + '-comment');
    }
    for (const [name, ranges] of prepared) {
      const shown = ranges.filter((range) => !range.startContainer.parentElement.closest('[hidden]'));
      if (shown.length > 0) CSS.highlights.set(name, new Highlight(...shown));
    }
  }

  function drawHighlights() {
    if (!window.CSS || !CSS.highlights) return 0;
    drawn = [];
    prepared = new Map();
    const indexes = new Map();
    const add = (name, range) => {
      if (!prepared.has(name)) prepared.set(name, []);
      prepared.get(name).push(range);
    };
    for (const highlight of highlights) {
      const element = fieldElement(highlight.field);
      if (!element) continue;
      if (!indexes.has(element)) indexes.set(element, textIndex(element));
      const index = indexes.get(element);
      if (!(highlight.start >= 0 && highlight.start < highlight.end && highlight.end <= index.length)) continue;
      const start = locate(index, highlight.start, false);
      const end = locate(index, highlight.end, true);
      if (!start || !end) continue;
      const range = new Range();
      range.setStart(start[0], start[1]);
      range.setEnd(end[0], end[1]);
      drawn.push({ id: highlight.id, range });
      // one name per colour, and per colour with a comment: each range is
      // in one highlight only, which WebKit looks through for each text box
      // it paints
      add('engram-' + (COLORS.includes(highlight.color) ? highlight.color : COLORS[0]) +
          (highlight.comment ? '-comment' : ''), range);
    }
    register();
    return drawn.length;
  }

  function showNote(label, html) {
    let box = $('engram-note');
    if (!html) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement('aside');
      box.id = 'engram-note';
      box.className = 'engram-note';
      box.setAttribute('role', 'note');
      const title = document.createElement('h2');
      title.className = 'engram-note-title';
      const body = document.createElement('div');
      body.className = 'engram-note-body';
      box.append(title, body);
      $('answer').append(box);
    }
    box.firstElementChild.textContent = label;
    box.setAttribute('aria-label', label);
    setHtml(box.lastElementChild, html);
  }

  function annotate(annotations) {
    const list = (annotations && annotations.highlights) || {};
    highlights = Object.keys(list)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => list[key]);
    showNote(annotations ? annotations.noteLabel : '', annotations ? annotations.note : '');
    return drawHighlights();
  }

  // The highlight drawn at a point of the viewport (the shortest when
  // highlights overlap), or at a DOM position.
  function drawnAtPoint(x, y) {
    let found = null;
    for (const entry of drawn) {
      for (const rect of entry.range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom &&
            (!found || entry.range.toString().length < found.range.toString().length)) found = entry;
      }
    }
    return found;
  }

  function drawnAtPosition(node, offset) {
    let found = null;
    for (const entry of drawn) {
      const range = entry.range;
      if (range.comparePoint(node, offset) === 0 &&
          !(node === range.endContainer && offset === range.endOffset) &&
          (!found || range.toString().length < found.range.toString().length)) found = entry;
    }
    return found;
  }

  function isVisible(entry) {
    return entry.range.getClientRects().length > 0;
  }

  function activate(entry) {
    const rect = entry.range.getBoundingClientRect();
    post({ type: 'activated', token: 0, id: entry.id,
           x: rect.left, y: rect.top, width: rect.width, height: rect.height });
    return entry.id;
  }

  function activateAtCaret() {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return 0;
    const range = selection.getRangeAt(0);
    const entry = drawnAtPosition(range.startContainer, range.startOffset);
    return entry && isVisible(entry) ? activate(entry) : 0;
  }

  document.addEventListener('click', (event) => {
    if (event.button !== 0 || drawn.length === 0) return;
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;   // the end of a drag
    const entry = drawnAtPoint(event.clientX, event.clientY);
    if (entry) activate(entry);
  });

  document.addEventListener('keydown', (event) => {
    if (!caretBrowsing || (event.key !== 'Enter' && event.key !== ' ') ||
        event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const selection = document.getSelection();
    if (!selection || !selection.isCollapsed) return;
    if (activateAtCaret() !== 0) event.preventDefault();
  });

  const isSpace = (ch) => /\s/u.test(ch);

  // The selection as a field and a range of code points of its text, its
  // white space at either end left out; or why there is none.
  function readSelection() {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { error: 'none' };
    const range = selection.getRangeAt(0);
    const first = fieldOf(range.startContainer);
    const last = fieldOf(range.endContainer);
    if (!first && !last) return { error: 'none' };
    if (!first || !last || first.element !== last.element) return { error: 'fields' };
    if (first.field === null) return { error: 'part' };
    const text = range.toString();
    if (!/\S/u.test(text)) return { error: 'none' };
    const before = document.createRange();
    before.setStart(first.element, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const chars = Array.from(text);
    let lead = 0;
    let trail = 0;
    while (isSpace(chars[lead])) lead++;
    while (isSpace(chars[chars.length - 1 - trail])) trail++;
    const start = codePoints(before.toString()) + lead;
    return { field: first.field, start, end: start + chars.length - lead - trail };
  }

  // A named part behind a click (Preferences): its heading is a button
  // that shows and hides it, by mouse or keyboard.
  function collapsible(heading, body) {
    const toggle = () => {
      body.hidden = !body.hidden;
      heading.setAttribute('aria-expanded', String(!body.hidden));
      if (prepared.size > 0) register();
    };
    heading.classList.add('collapsible');
    heading.setAttribute('role', 'button');
    heading.setAttribute('tabindex', '0');
    heading.setAttribute('aria-expanded', 'false');
    body.hidden = true;
    heading.addEventListener('click', toggle);
    heading.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle();
      }
    });
  }

  // A CSS string of any text: quotes, backslashes and controls escaped
  function cssString(text) {
    return `"${String(text).replace(/["\\\u0000-\u001f\u007f]/g,
                                    (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
  }

  window.engram = {
    show(card) {
      setHtml($('question'), card.question);
      setHtml($('answer-body'), card.answer);
      const parts = $('parts');
      parts.replaceChildren();
      const keys = Object.keys(card.parts).sort((a, b) => Number(a) - Number(b));
      for (const part of keys.map((key) => card.parts[key])) {
        const heading = document.createElement('h2');
        heading.className = 'part';
        heading.textContent = part.name;
        const body = document.createElement('section');
        body.className = 'part-body';
        setHtml(body, part.html);
        if (card.partsCollapsed === 1) collapsible(heading, body);
        parts.append(heading, body);
      }
      $('answer').hidden = card.revealed === 0;
      // the regions named for a screen reader; the answer announced when a
      // review reveals it, not when the library's preview shows it
      $('question').setAttribute('aria-label', card.labels.question);
      $('answer').setAttribute('aria-label', card.labels.answer);
      $('answer-live').setAttribute('aria-live', card.revealed === 0 ? 'polite' : 'off');
      mark(card.marks);
      annotate(card.annotations);
      window.scrollTo(0, 0);
      afterPaint('shown', card.token);
      return true;
    },

    mark(marks) {
      const count = mark(marks);
      drawHighlights();   // the marks split text nodes: draw on the new ones
      return count;
    },

    annotate(annotations) {
      return annotate(annotations);
    },

    selection() {
      return readSelection();
    },

    activateAtCaret() {
      return activateAtCaret();
    },

    setCaretBrowsing(on) {
      caretBrowsing = on !== 0;
      return true;
    },

    reveal(token) {
      $('answer').hidden = false;
      if (prepared.size > 0 && window.CSS && CSS.highlights) register();
      afterPaint('revealed', token);
      return true;
    },

    setContrast(high) {
      document.documentElement.classList.toggle('hc', high !== 0);
      return true;
    },

    setDark(dark) {
      document.documentElement.classList.toggle('dark', dark !== 0);
      afterPaint('themed', 0);
      return true;
    },

    // Preferences: the text size in pixels (0: the stylesheet's) and the
    // code font's family ('': the system's monospace font), as custom
    // properties of the root; the card is not rendered again.
    setFonts(fonts) {
      const root = document.documentElement.style;
      if (fonts.size > 0) root.setProperty('--answer-font-size', `${fonts.size}px`);
      else root.removeProperty('--answer-font-size');
      if (fonts.code !== '') root.setProperty('--code-font', `${cssString(fonts.code)}, monospace`);
      else root.removeProperty('--code-font');
      return true;
    },

    scroll(how) {
      const line = 40;
      const page = window.innerHeight * 0.9;
      switch (how) {
        case 'down': window.scrollBy(0, line); break;
        case 'up': window.scrollBy(0, -line); break;
        case 'page-down': window.scrollBy(0, page); break;
        case 'page-up': window.scrollBy(0, -page); break;
        case 'top': window.scrollTo(0, 0); break;
        case 'bottom': window.scrollTo(0, document.documentElement.scrollHeight); break;
      }
      return window.scrollY;
    },
  };

  post({ type: 'ready', token: 0 });
})();
