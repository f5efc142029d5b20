// The portal page: EDS login signed in the browser, search, card, signed report, checks. No framework.
const T = {
  en: {
    title: 'Business partners register', logout: 'Log out', loginTitle: 'Log in with EDS',
    loginHelp: 'Choose your key file (.p12) and enter its password. The key never leaves the browser: the challenge is signed here.',
    keyFile: 'Key file', password: 'Password', loginButton: 'Log in', signing: 'Signing the challenge…', loggedIn: 'Logged in',
    searchTitle: 'Find a counterparty', searchPlaceholder: 'BIN/IIN or name', searchButton: 'Search', noResults: 'Nothing found',
    similar: 'similar spelling', exact: 'exact', otherScript: 'other alphabet', matched: 'matched',
    cardTitle: 'Card', reportButton: 'Get the signed report', reportReady: 'Signed report', verificationCode: 'Verification code',
    checkCertificate: 'certificate of the check', myChecksTitle: 'My checks', checkedByTitle: 'Who checked me', refresh: 'Refresh',
    notAvailable: 'Not available for this certificate (only the subject\'s head or authorised person, or the entrepreneur, sees it).',
    when: 'When', subject: 'Subject', kind: 'Kind', indexes: 'Index values', checker: 'Checked by', nothing: 'No checks yet',
    'err.KEY_LOAD_FAILED': 'Cannot open the key: wrong password or not a PKCS#12 file',
    'err.CERT_EXPIRED': 'The certificate has expired', 'err.CERT_NOT_YET_VALID': 'The certificate is not valid yet',
    'err.REVOKED': 'The certificate is revoked', 'err.UNTRUSTED_CHAIN': 'The certificate is not issued by a trusted authority (NCA)',
    'err.KEY_USAGE': 'This key may not sign (an authentication-only key): use your signing key (RSA_…)',
    'err.EKU_MISMATCH': 'This certificate is not a person\'s certificate', 'err.CHALLENGE_UNKNOWN': 'The login took too long: try again',
    'err.RATE_LIMITED': 'Too many requests: wait a moment', 'err.NO_SESSION': 'Please log in',
  },
  ru: {
    title: 'Реестр деловых партнёров', logout: 'Выйти', loginTitle: 'Вход с ЭЦП',
    loginHelp: 'Выберите файл ключа (.p12) и введите пароль. Ключ не покидает браузер: вызов подписывается здесь.',
    keyFile: 'Файл ключа', password: 'Пароль', loginButton: 'Войти', signing: 'Подписываем вызов…', loggedIn: 'Вход выполнен',
    searchTitle: 'Поиск контрагента', searchPlaceholder: 'БИН/ИИН или наименование', searchButton: 'Найти', noResults: 'Ничего не найдено',
    similar: 'похожее написание', exact: 'точно', otherScript: 'другой алфавит', matched: 'совпало',
    cardTitle: 'Карточка', reportButton: 'Получить подписанный отчёт', reportReady: 'Подписанный отчёт', verificationCode: 'Код проверки',
    checkCertificate: 'справка о проверке', myChecksTitle: 'Мои проверки', checkedByTitle: 'Кто проверял меня', refresh: 'Обновить',
    notAvailable: 'Недоступно для этого сертификата (видят только руководитель или уполномоченное лицо субъекта либо сам предприниматель).',
    when: 'Когда', subject: 'Субъект', kind: 'Вид', indexes: 'Значения индексов', checker: 'Кто проверял', nothing: 'Проверок пока нет',
    'err.KEY_LOAD_FAILED': 'Не удалось открыть ключ: неверный пароль или это не файл PKCS#12',
    'err.CERT_EXPIRED': 'Срок действия сертификата истёк', 'err.REVOKED': 'Сертификат отозван',
    'err.UNTRUSTED_CHAIN': 'Сертификат выдан не доверенным центром (НУЦ)', 'err.KEY_USAGE': 'Этим ключом нельзя подписывать (ключ аутентификации): используйте ключ подписи (RSA_…)',
    'err.EKU_MISMATCH': 'Это не сертификат физического лица или сотрудника', 'err.CHALLENGE_UNKNOWN': 'Вход занял слишком много времени: повторите',
    'err.RATE_LIMITED': 'Слишком много запросов: подождите', 'err.NO_SESSION': 'Войдите, пожалуйста',
  },
  kk: {
    title: 'Іскер әріптестер тізілімі', logout: 'Шығу', loginTitle: 'ЭЦҚ арқылы кіру',
    loginHelp: 'Кілт файлын (.p12) таңдап, құпиясөзді енгізіңіз. Кілт браузерден шықпайды: сұрау осында қол қойылады.',
    keyFile: 'Кілт файлы', password: 'Құпиясөз', loginButton: 'Кіру', signing: 'Қол қойылуда…', loggedIn: 'Кіру орындалды',
    searchTitle: 'Контрагентті іздеу', searchPlaceholder: 'БСН/ЖСН немесе атауы', searchButton: 'Іздеу', noResults: 'Ештеңе табылмады',
    similar: 'ұқсас жазылу', exact: 'дәл', otherScript: 'басқа әліпби', matched: 'сәйкес келді',
    cardTitle: 'Карточка', reportButton: 'Қол қойылған есепті алу', reportReady: 'Қол қойылған есеп', verificationCode: 'Тексеру коды',
    checkCertificate: 'тексеру туралы анықтама', myChecksTitle: 'Менің тексерулерім', checkedByTitle: 'Мені кім тексерді', refresh: 'Жаңарту',
    when: 'Қашан', subject: 'Субъект', kind: 'Түрі', checker: 'Кім тексерді', nothing: 'Әзірге тексеру жоқ',
    'err.CERT_EXPIRED': 'Сертификаттың мерзімі өтіп кеткен', 'err.REVOKED': 'Сертификат кері қайтарылған',
  },
};
let lang = localStorage.getItem('lang') || 'ru';
const t = (key) => (T[lang] && T[lang][key]) || T.en[key] || key;
const $ = (id) => document.getElementById(id);
const esc = (v) => String(v ?? '—').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  $('lang').value = lang;
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options, headers: { 'content-type': 'application/json', ...(options.headers || {}) } });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
  return { status: response.status, body };
}
const errorText = (body) => `${t(`err.${body?.code}`)} (${body?.code ?? 'ERROR'})`;

function showStatus(id, text, ok) {
  const el = $(id);
  el.textContent = text;
  el.className = ok ? 'ok' : 'error';
}

function showApp(session) {
  $('login-section').hidden = !!session;
  $('app-section').hidden = !session;
  $('logout').hidden = !session;
  $('who').textContent = session ? [session.commonName, session.organisation, session.bin ? `BIN ${session.bin}` : `IIN ${session.iin}`].filter(Boolean).join(' · ') : '';
}

async function login(event) {
  event.preventDefault();
  const file = $('p12').files[0];
  if (!file) return;
  showStatus('login-status', t('signing'), true);
  let key;
  try {
    key = window.PortalEds.openPkcs12(await file.arrayBuffer(), $('password').value);
  } catch {
    showStatus('login-status', errorText({ code: 'KEY_LOAD_FAILED' }), false);
    return;
  }
  const challenge = await api('/api/v1/auth/challenge', { method: 'POST' });
  if (challenge.status !== 200) return showStatus('login-status', errorText(challenge.body), false);
  const signedDocument = window.PortalEds.signCanonical(challenge.body.document, key);
  const result = await api('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ signedDocument }) });
  $('password').value = '';
  if (result.status !== 200) return showStatus('login-status', errorText(result.body), false);
  showStatus('login-status', t('loggedIn'), true);
  showApp(result.body.session);
}

async function search(event) {
  event.preventDefault();
  const q = $('q').value.trim();
  const r = await api(`/api/v1/search?q=${encodeURIComponent(q)}`);
  const list = $('results');
  list.innerHTML = '';
  if (r.status !== 200) return showStatus('search-status', errorText(r.body), false);
  showStatus('search-status', r.body.results.length ? '' : t('noResults'), true);
  for (const hit of r.body.results) {
    const li = document.createElement('li');
    const name = hit.names.ru || hit.names.kk || hit.names.en || hit.names.entrepreneur || hit.id;
    const how = hit.match.how === 'SIMILAR_NAME' ? `<span class="typo">${t('similar')}</span>` : t('exact');
    li.innerHTML = `<button type="button" data-id="${esc(hit.id)}">${esc(name)}</button> ${esc(hit.id)} · ${esc(hit.legalForm)} · ${esc(hit.status)}
      <div class="match">${t('matched')}: «${esc(hit.match.text)}» — ${how}${hit.match.transliterated ? `, ${t('otherScript')}` : ''} (${Math.round(hit.score * 100)}%)</div>`;
    li.querySelector('button').addEventListener('click', () => openCard(hit.id));
    list.appendChild(li);
  }
}

let cardId = null;
async function openCard(id) {
  const r = await api(`/api/v1/entities/${encodeURIComponent(id)}/card`);
  $('card-section').hidden = false;
  $('report').innerHTML = '';
  if (r.status !== 200) {
    $('card').innerHTML = `<p class="error">${esc(errorText(r.body))}</p>`;
    return;
  }
  cardId = id;
  const c = r.body;
  const reg = c.registration || {};
  const idx = c.conscientiousnessIndex;
  const rows = [
    ['BIN/IIN', c.id], ['Name', reg.names?.ru || reg.names?.kk || reg.names?.en], ['Status', reg.status], ['Legal form', reg.legalForm],
    ['Registered', reg.registeredOn], ['Head', reg.head?.fullName], ['Activity', c.activities?.primary ? `${c.activities.primary.code} ${c.activities.primary.name ?? ''}` : null],
    ['State lists', (c.stateLists?.current || []).map((l) => l.list).join(', ') || '—'], ['Tax debt, KZT', c.taxes?.debtKzt],
    ['Conscientiousness index', idx ? `${idx.value} (${idx.category})` : null],
  ];
  $('card').innerHTML = `<table id="card-table">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

async function report() {
  if (!cardId) return;
  const r = await api('/api/v1/reports', { method: 'POST', body: JSON.stringify({ subjectId: cardId }) });
  if (r.status !== 201) {
    $('report').innerHTML = `<p class="error">${esc(errorText(r.body))}</p>`;
    return;
  }
  const b = r.body;
  $('report').innerHTML = `<p class="ok" id="report-ready">${t('reportReady')}: <code>${esc(b.reportId)}</code> · ${t('verificationCode')}: <code id="report-code">${esc(b.verificationCode)}</code></p>
    <p><a id="report-xml" href="${esc(b.links.xml)}">XML (EDS)</a> · <a id="report-html" href="${esc(b.links.html)}" target="_blank" rel="noopener">HTML</a> · <a id="report-pdf" href="${esc(b.links.pdf)}" target="_blank" rel="noopener">PDF</a> · <a href="${esc(b.links.checkCertificate)}">${t('checkCertificate')}</a></p>`;
}

async function myChecks() {
  const r = await api('/api/v1/me/checks');
  const table = $('my-checks');
  if (r.status !== 200) return (table.innerHTML = `<tr><td class="error">${esc(errorText(r.body))}</td></tr>`);
  table.innerHTML = `<tr><th>${t('when')}</th><th>${t('subject')}</th><th>${t('kind')}</th><th>${t('indexes')}</th><th></th></tr>` +
    (r.body.checks.map((c) => `<tr><td>${esc(new Date(c.checkedAt).toLocaleString(lang))}</td><td>${esc(c.subjectId)}</td><td>${esc(c.kind)}</td>
      <td>${esc(Object.entries(c.indexValues).map(([k, v]) => `${k}: ${v.value} (${v.category})`).join('; ') || '—')}</td>
      <td><a href="/api/v1/me/checks/${esc(c.checkId)}/certificate">${t('checkCertificate')}</a></td></tr>`).join('') || `<tr><td colspan="5">${t('nothing')}</td></tr>`);
}

async function checkedBy() {
  const r = await api('/api/v1/me/checked-by');
  const table = $('checked-by');
  if (r.status === 404) {
    table.innerHTML = '';
    return showStatus('checked-by-status', t('notAvailable'), false);
  }
  showStatus('checked-by-status', r.status === 200 ? `${t('subject')}: ${r.body.subjectId}` : errorText(r.body), r.status === 200);
  if (r.status !== 200) return;
  table.innerHTML = `<tr><th>${t('when')}</th><th>${t('checker')}</th><th>${t('kind')}</th></tr>` +
    (r.body.checks.map((c) => `<tr><td>${esc(new Date(c.checkedAt).toLocaleString(lang))}</td><td>${esc([c.checker.name, c.checker.bin && `BIN ${c.checker.bin}`, c.checker.role, c.checker.iinMasked].filter(Boolean).join(' · '))}</td><td>${esc(c.kind)}</td></tr>`).join('') || `<tr><td colspan="3">${t('nothing')}</td></tr>`);
}

async function logout() {
  await api('/api/v1/auth/logout', { method: 'POST' });
  showApp(null);
}

$('lang').addEventListener('change', (e) => {
  lang = e.target.value;
  localStorage.setItem('lang', lang);
  applyLanguage();
  // what is already on screen is drawn again in the new language
  if ($('my-checks').rows.length) myChecks();
  if ($('checked-by').rows.length || $('checked-by-status').textContent) checkedBy();
});
$('login-form').addEventListener('submit', login);
$('search-form').addEventListener('submit', search);
$('report-button').addEventListener('click', report);
$('my-checks-button').addEventListener('click', myChecks);
$('checked-by-button').addEventListener('click', checkedBy);
$('logout').addEventListener('click', logout);
applyLanguage();
api('/api/v1/auth/session').then((r) => showApp(r.status === 200 ? r.body : null));
