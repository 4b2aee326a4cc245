// The HTML attributes whose URLs the apiserver's proxy rewrites to its proxy path
// (apimachinery/pkg/util/proxy/transport.go, atomsToAttrs): the demo's service proxy rewrites them
// as the apiserver does, and a service gateway maps them back.
export const PROXY_LINK_ATTRIBUTES: readonly string[] = [
  'href',
  'src',
  'action',
  'background',
  'cite',
  'codebase',
  'classid',
  'data',
  'formaction',
  'icon',
  'longdesc',
  'manifest',
  'poster',
  'profile',
  'usemap',
];
