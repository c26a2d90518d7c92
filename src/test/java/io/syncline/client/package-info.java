/** Tests of the JavaScript client and the demo page, run with Node against a real server. */
package io.syncline.client;
