package vn.bluezone.notify.push;

import reactor.core.publisher.Mono;

/** One push provider. Sends "check your alerts" and nothing else; never throws, always answers an outcome. */
interface PushSender {

    /** The channel name devices register with: fcm, apns or webpush. */
    String channel();

    Mono<PushOutcome> send(PushTarget target);
}
