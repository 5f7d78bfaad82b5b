// The page's only script (the Content-Security-Policy allows no inline script): gets the browser's identity and a
// conversation token from the host, then runs Web Chat over the host's own Direct Line (WebSocket; ?polling=1 polls).
(function () {
  'use strict';

  var identityKey = 'pcgdbot.identity';
  var domain = location.origin + '/v3/directline';
  var status = document.getElementById('status');

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function storedIdentity() {
    try { return localStorage.getItem(identityKey); } catch (e) { return null; }
  }

  function keepIdentity(token) {
    try { localStorage.setItem(identityKey, token); } catch (e) { /* private mode: a new identity next time */ }
  }

  function session() {
    var headers = {};
    var identity = storedIdentity();
    if (identity) { headers.Authorization = 'Bearer ' + identity; }
    return fetch(domain + '/tokens/generate', { method: 'POST', headers: headers, credentials: 'omit' }).then(function (response) {
      if (!response.ok) { throw new Error('tokens/generate ' + response.status); }
      return response.json();
    });
  }

  function start(attempt) {
    if (!window.WebChat) {
      say('Không tải được khung trò chuyện. Anh/chị vui lòng tải lại trang.');
      return;
    }

    session().then(function (s) {
      keepIdentity(s.userToken);
      document.body.setAttribute('data-conversation', s.conversationId);
      var store = window.WebChat.createStore();
      var polling = new URLSearchParams(location.search).get('polling') === '1';
      var directLine = window.WebChat.createDirectLine({ domain: domain, token: s.token, webSocket: !polling });
      // A token that expired while the computer slept cannot be refreshed: start again with the kept identity (the
      // transcript comes back, the person is the same).
      directLine.connectionStatus$.subscribe(function (connection) {
        if (connection === 4) { location.reload(); }
      });
      window.WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        userID: s.userId,
        locale: 'vi-VN',
        styleOptions: {
          hideUploadButton: true,
          bubbleMaxWidth: 640,
          suggestedActionLayout: 'flow',
          botAvatarInitials: 'PC',
          userAvatarInitials: 'Tôi',
          sendBoxTextWrap: true
        }
      }, document.getElementById('webchat'));

      document.querySelectorAll('[data-question]').forEach(function (button) {
        button.disabled = false;
        button.addEventListener('click', function () {
          store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: button.getAttribute('data-question') } });
        });
      });
      say('');
    }).catch(function () {
      say('Chưa kết nối được với máy chủ, đang thử lại…');
      setTimeout(function () { start(attempt + 1); }, Math.min(30000, 1000 * Math.pow(2, attempt)));
    });
  }

  start(0);
})();
