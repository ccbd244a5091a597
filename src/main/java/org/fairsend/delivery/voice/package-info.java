/**
 * The voicemail-drop channel: the renderer of {@link org.fairsend.delivery.VoiceTemplate}, the HTTP adapter
 * to the voice provider (one JSON request per drop, bearer or HMAC authentication, time-outs and 5xx retried,
 * 4xx permanent) and the provider's authenticated status-callback webhook (delivered, no voicemail, failed,
 * opted out), authenticated with the platform's voice integration secret before anything is kept; its malformed
 * calls are refused with problem+json and kept for inspection, its unauthenticated ones refused and only counted.
 */
package org.fairsend.delivery.voice;
