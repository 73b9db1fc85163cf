/* 武穴市政府网站集约化平台 — 页面增强脚本（无依赖、无网络请求；页面不依赖脚本即可阅读）。 */
(function () {
  "use strict";
  var LEAVE_MSG = "您即将离开本站，前往外部网站，是否继续？";
  var SIZES = { l: "fs-l", m: "", s: "fs-s" };

  function offsite(a) {
    return /^https?:$/.test(a.protocol) && a.hostname !== "" && a.hostname !== window.location.hostname;
  }

  function setFontSize(button) {
    var body = document.getElementById("article-body");
    if (!body) return;
    var size = button.getAttribute("data-font-size");
    body.classList.remove("fs-l", "fs-s");
    if (SIZES[size]) body.classList.add(SIZES[size]);
    var group = button.parentNode.querySelectorAll("[data-font-size]");
    for (var i = 0; i < group.length; i++) {
      group[i].setAttribute("aria-pressed", group[i] === button ? "true" : "false");
    }
  }

  function closeWindow() {
    window.close();
    // 非脚本打开的窗口无法关闭时，退回上一页
    window.setTimeout(function () {
      if (window.history.length > 1) window.history.back();
    }, 200);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var link = target.closest("a[href]");
    if (link) {
      var external = link.hasAttribute("data-external") || (link.closest(".article-body") && offsite(link));
      if (external && !window.confirm(LEAVE_MSG)) event.preventDefault();
      return;
    }
    var button = target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-font-size")) setFontSize(button);
    else if (button.getAttribute("data-action") === "print") window.print();
    else if (button.getAttribute("data-action") === "close") closeWindow();
  });

  function ready() {
    // 仅在脚本可用时显示依赖脚本的按钮（打印、关闭、字号）
    var controls = document.querySelectorAll("[data-js-only]");
    for (var i = 0; i < controls.length; i++) controls[i].hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
