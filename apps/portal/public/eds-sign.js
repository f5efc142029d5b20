/*
 * Signs the portal's login challenge in the browser with the user's NCA PKCS#12 key (node-forge),
 * as an enveloped XMLDSig the hub verifies like any signed document: RSA-SHA256, exclusive c14n,
 * Reference URI="", the certificate in KeyInfo. The challenge arrives in canonical form, so the
 * digest is taken over its text as given; SignedInfo is written in canonical form directly.
 * The key never leaves the page. Also loadable in Node (tests) with node-forge as `forge`.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('node-forge'));
  else root.PortalEds = factory(root.forge);
})(typeof self !== 'undefined' ? self : this, function (forge) {
  'use strict';
  var DS = 'http://www.w3.org/2000/09/xmldsig#';
  var ALG = {
    excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
    enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  };

  function alg(name, a) { return '<ds:' + name + ' Algorithm="' + a + '"></ds:' + name + '>'; }

  /** Opens a .p12 (ArrayBuffer or binary string): the private key and the certificate that matches it. */
  function openPkcs12(data, password) {
    var bytes = typeof data === 'string' ? data : forge.util.binary.raw.encode(new Uint8Array(data));
    var p12;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes), true, password);
    } catch (e) {
      throw new Error('KEY_LOAD_FAILED');
    }
    var keyBags = (p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] || [])
      .concat(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] || []);
    var key = keyBags.length ? keyBags[0].key : null;
    if (!key) throw new Error('KEY_LOAD_FAILED');
    var certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] || []).map(function (b) { return b.cert; }).filter(Boolean);
    var cert = certs.filter(function (c) { return c.publicKey && c.publicKey.n && c.publicKey.n.equals(key.n); })[0];
    if (!cert) throw new Error('KEY_LOAD_FAILED');
    return { privateKey: key, certificate: cert, certificateBase64: forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()) };
  }

  function sha256Base64(text) {
    var md = forge.md.sha256.create();
    md.update(text, 'utf8');
    return forge.util.encode64(md.digest().getBytes());
  }

  /** The canonical SignedInfo for one whole-document reference. */
  function signedInfo(digestBase64) {
    return '<ds:SignedInfo xmlns:ds="' + DS + '">' + alg('CanonicalizationMethod', ALG.excC14n) + alg('SignatureMethod', ALG.rsaSha256) +
      '<ds:Reference URI=""><ds:Transforms>' + alg('Transform', ALG.enveloped) + alg('Transform', ALG.excC14n) + '</ds:Transforms>' +
      alg('DigestMethod', ALG.sha256) + '<ds:DigestValue>' + digestBase64 + '</ds:DigestValue></ds:Reference></ds:SignedInfo>';
  }

  /** Enveloped signature over a document that is already in exc-c14n form (the hub's challenge). */
  function signCanonical(canonicalXml, key) {
    var si = signedInfo(sha256Base64(canonicalXml));
    var md = forge.md.sha256.create();
    md.update(si, 'utf8');
    var value = forge.util.encode64(key.privateKey.sign(md));
    var sig = '<ds:Signature xmlns:ds="' + DS + '">' + si + '<ds:SignatureValue>' + value + '</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>' +
      key.certificateBase64 + '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>';
    var at = canonicalXml.lastIndexOf('</');
    return canonicalXml.slice(0, at) + sig + canonicalXml.slice(at);
  }

  return { openPkcs12: openPkcs12, signCanonical: signCanonical };
});
