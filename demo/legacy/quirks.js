/* What the scripts of an old Joomla or NukeViet page did to the built-ins, written out here so
   the demo needs no copy of those libraries. Served with demo/legacy-quirks.html. */

// MooTools 1.3–1.4 (Joomla 1.6–2.5) replaced Array.from with its own, which wraps or slices an
// array-like and knows nothing of a map function: Array.from({ length: 3 }, fn) is three holes.
Array.from = function (item) {
  if (item == null) return [];
  if (typeof item === 'string' || typeof item === 'function' || typeof item.length !== 'number') return [item];
  return Array.isArray(item) ? item : Array.prototype.slice.call(item);
};

// Prototype 1.6 gave arrays a toJSON that returns a string, so JSON.stringify([1, 2]) is
// "\"[1, 2]\"", replaced window.Element with its own constructor (keeping the prototype), and
// copied its Element.Methods onto HTMLElement.prototype, over the browser's own: scrollTo(x, y)
// there scrolls the window to the element and ignores x and y.
Array.prototype.toJSON = function () {
  return '[' + this.join(', ') + ']';
};
window.Element = (function (NativeElement) {
  var PrototypeElement = function (tagName) {
    return document.createElement(tagName);
  };
  PrototypeElement.prototype = NativeElement.prototype;
  return PrototypeElement;
})(window.Element);
HTMLElement.prototype.scrollTo = function () {
  var box = this.getBoundingClientRect();
  window.scrollTo(box.left + window.pageXOffset, box.top + window.pageYOffset);
  return this;
};
