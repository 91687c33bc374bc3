/** Cost surfaces: slices through parameter space, their fast evaluation, and GD vs SGD paths. */
export { createProjector, dot, norm, pointOnPlane, projectOntoPlane, type Plane, type PlaneCoordinates } from './plane';
export {
  endsPlane,
  filterNormalisedDirection,
  gaussian,
  principalPlane,
  randomPlane,
  symmetricEigen,
  weightPlane,
  type EndsPlane,
  type PrincipalOptions,
  type PrincipalPlane,
} from './directions';
export {
  axesCovering,
  MAX_MAP_ASPECT,
  axisValues,
  evaluateGrid,
  fillFromLattice,
  latticeIndices,
  progressiveLevels,
  SurfaceEvaluator,
  type GridAxes,
  type GridLevel,
} from './grid';
export { raceOptimisers, type RaceOptions, type RacePath } from './optimiser-race';
