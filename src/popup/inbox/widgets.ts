// Each protocol's message widgets register themselves when imported here.
export {};
import './aitp/widgets';
import './anp/widgets';
import './agora/widgets';
import './lmos/widgets';
