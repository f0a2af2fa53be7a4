/** The economic model of each network, by network id. A network without a model is not simulated. */
import { AethirModel } from './aethir'
import { GeodnetModel } from './geodnet'
import { IotexIoidModel } from './iotex-ioid'
import { LivepeerModel } from './livepeer'
import type { ModelFactory } from './model'

export const models: Record<string, ModelFactory> = {
  livepeer: (ctx) => new LivepeerModel(ctx),
  aethir: (ctx) => new AethirModel(ctx),
  geodnet: (ctx) => new GeodnetModel(ctx),
  'iotex-ioid': (ctx) => new IotexIoidModel(ctx),
}
