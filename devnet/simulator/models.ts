/** The economic model of each network, by network id. A network without a model is not simulated. */
import { AethirModel } from './aethir'
import { DimoModel } from './dimo'
import { GeodnetModel } from './geodnet'
import { IotexIoidModel } from './iotex-ioid'
import { LivepeerModel } from './livepeer'
import { SpheronModel } from './spheron'
import { TheGraphModel } from './thegraph'
import type { ModelFactory } from './model'

export const models: Record<string, ModelFactory> = {
  livepeer: (ctx) => new LivepeerModel(ctx),
  thegraph: (ctx) => new TheGraphModel(ctx),
  aethir: (ctx) => new AethirModel(ctx),
  dimo: (ctx) => new DimoModel(ctx),
  geodnet: (ctx) => new GeodnetModel(ctx),
  'iotex-ioid': (ctx) => new IotexIoidModel(ctx),
  spheron: (ctx) => new SpheronModel(ctx),
}
