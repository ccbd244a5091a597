package org.fairsend.content;

import java.util.List;

/**
 * The rules on what a voicemail drop says: it names the sender and gives a number or means to object
 * touches no prohibited theme, and is not energy-renovation or home-adaptation canvassing
 * (X-7, refused outright).
 */
public interface VoiceContentReview {

    List<Finding> reviewVoice(VoiceContent content);
}
