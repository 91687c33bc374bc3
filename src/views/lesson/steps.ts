/**
 * The guided lesson: one step per part of the lecture (../shared/seeds/), in its order.
 * Each step sets the views and settings that show it live; the text is for a student.
 * Where the lecture is loose the text is right (docs/ARCHITECTURE.md, "The maths").
 */
import { LECTURE_PATCH, type Settings } from '../../protocol/settings';
import type { SliceKind } from '../../protocol/surface-api';
import type { NeuronRef } from '../../store/lab-store';
import type { StepKind } from '../controls/StepButton';

export interface LessonStep {
  title: string;
  /** Paragraphs; $...$ is not parsed, symbols are written as the lecture writes them. */
  text: string[];
  /** What to do now, in one line. */
  tryThis: string;
  /** Settings the step needs (all steps start from the lecture's network). */
  settings?: Partial<Settings>;
  /** Tabs to open: the inspector's and the bottom panel's. */
  inspector?: 'nudges' | 'chain-rule' | 'activation';
  bottom?: 'charts' | 'batch' | 'surface';
  /** A neuron to select (output layer is 3 in 784-16-16-10); an output neuron means the shown example's label's. */
  select?: NeuronRef;
  /**
   * Select the first hidden layer's neuron whose z on the shown example is nearest 0: the steep
   * part of its curve, where sliding the bias shows most (a neuron kept from an earlier step sat
   * at z = −9, off the plot, and the slider moved nothing there).
   */
  selectResponsive?: boolean;
  /** The cost surface's view and slice, and the GD vs SGD race's learning rate. */
  surfaceMode?: '2d' | '3d';
  surfaceKind?: SliceKind;
  raceRate?: number;
  /** Step one example first if none is shown, so the panels have live numbers. */
  needsExample?: boolean;
  /** The step is about the bottom panel (the table or the surface): scroll it into view. */
  showBottom?: boolean;
  /** A chart of the bottom panel the step is about (a data-testid): kept clear of the lesson's bar at the screen's foot. */
  showChart?: string;
  /** A part of the inspector the step asks about (a data-testid): scrolled into the inspector's view. */
  reveal?: string;
  /** The step invites an experiment that may wreck the network: leaving the step puts back the one from before. */
  experiment?: boolean;
  /** The step asks to play: the card has its own Play / Pause (the controls' may be scrolled away). */
  play?: boolean;
  /**
   * The training controls the step asks the student to press. On small screens the card and the
   * bottom bar carry them: the controls are 1,000 px and more down the page there (a review on a phone).
   */
  controls?: StepKind[];
  /**
   * What those controls change, brought into view when one is pressed on a card that is not sticky
   * (a selector): on a phone, step 1's card changed the network 400 px below the screen, and step
   * 5's epoch ended in an accuracy 370 px below it.
   */
  controlsShow?: string;
  /** A setting the step asks to try, as a button on the card (the settings bar may be scrolled away). */
  action?: { label: string; settings: Partial<Settings> };
}

/** The lecture's network: sigmoid everywhere, C = sum (a - y)^2, plain SGD, "start high and lower it". */
export const LECTURE: Partial<Settings> = LECTURE_PATCH;

export const LESSON: readonly LessonStep[] = [
  {
    title: 'An example network',
    text: [
      'A 28×28 image is 784 numbers: each pixel’s brightness from 0 (black) to 1 (white). They are the input layer, a⁽⁰⁾.',
      'Two hidden layers of 16 neurons each, then 10 outputs, one per digit 0–9. Every line is a weight w; every hidden and output neuron also has a bias b. Together that is 13,002 numbers (the lecture’s table numbers them 0 to 13,001, biases too): learning means finding good values for all of them.',
      'A neuron’s activation is a = σ(z), where z = w₀a₀ + w₁a₁ + … + b with w₀, w₁, … its own incoming weights: z is the weighted sum of the layer before plus the bias, and σ squashes it into 0…1.',
    ],
    tryThis:
      'One example has been stepped for you: its image is the input on the left. Press “Step example” again and watch the next one flow left to right. The brightest output is the network’s answer, its digit in a dark tag.',
    bottom: 'charts',
    inspector: 'nudges',
    needsExample: true,
    controls: ['example'],
    controlsShow: '[data-testid="network-view"]',
  },
  {
    title: 'Updating a neuron',
    text: [
      'After one example we know what each output should have been: 1 for the right digit, 0 for the others. To raise a neuron’s activation there are three ways:',
      '1. increase its bias b; 2. increase each weight wᵢ in proportion to aᵢ (bright inputs matter most); 3. change each previous activation aᵢ in proportion to wᵢ (we cannot set aᵢ directly, so this becomes a wish passed back).',
      'The Nudges tab’s bars are these nudges for the selected neuron: which way each number should move to lower the cost, and how strongly. Its own wish, for its weighted input z, is −δ, where δ = ∂C/∂z.',
    ],
    // the true digit's output is selected for the step (clicking it again deselected it: a teacher's review)
    tryThis:
      'The true digit’s output neuron is selected (ringed) and its nudges are shown. Click another output (keyboard: Tab to the network, then the arrow keys and Enter): the true digit’s output wants to go up, the others down.',
    inspector: 'nudges',
    select: { layer: 3, index: 0 },
    needsExample: true,
  },
  {
    title: 'The weight-matrix update',
    text: [
      'Each example gives its own gradient for every one of the 13,002 weights and biases: one column of the table. The change it asks for, its nudge, is minus that column: tick “as nudges” above the table to see the nudges, as the lecture’s table lists them.',
      'No single example gets its way: we average the gradients and step by −α × that average, α being the learning rate (step 9). That step is the update. The lecture’s table averages over all the training data (gradient descent); SGD averages over one batch (step 7).',
    ],
    tryThis:
      'Step a few examples one by one and watch the columns fill in the table below, then “Step batch” to apply the average.',
    bottom: 'batch',
    showBottom: true,
    needsExample: true,
    // the shown digit's output, selected: opened by a link (nothing selected), the ring and the Nudges
    // tab followed each stepped example's label (a 4) while the table kept its first column's (a 2)
    select: { layer: 3, index: 0 },
    controls: ['example', 'batch'],
  },
  {
    title: 'Updating the whole network',
    text: [
      'Each output neuron has wishes for the activations of layer 2, the second hidden layer. Add all ten outputs’ wishes: that is how each layer-2 activation should change. Times σ′(z), the slope of σ at that neuron’s z, it becomes the neuron’s wish for its z, −δ, which it passes back in turn.',
      'This walking of wishes backwards, layer by layer, is backpropagation. Each hidden neuron’s wish is a sum over all the paths through it, not one chain.',
    ],
    tryThis:
      'Under an output neuron’s nudges, the “summed wishes” bars are what all ten outputs ask of each neuron of layer 2 (−Σⱼ wⱼₖ δⱼ). Click a bar (keyboard: Tab to it, then Enter): that neuron’s wish for z is its sum times σ′(z).',
    inspector: 'nudges',
    select: { layer: 3, index: 0 },
    needsExample: true,
    reveal: 'summed-wishes',
  },
  {
    title: 'Data and batches',
    text: [
      'The more data an update uses, the longer each update takes. So the 50,000 training images are shuffled and cut into mini-batches (here of 16 images): one update after each batch.',
      'One pass over all the training data is an epoch. MNIST’s other 10,000 training images (the validation set) and its 10,000 test images are never trained on; they tell us how well the network reads digits it has not seen.',
    ],
    tryThis:
      'Press “Step epoch”: the rest of the epoch’s 3,125 updates (50,000 ÷ 16), then the accuracy on the held-out images (“test accuracy” under the controls; the charts below keep one point per epoch).',
    bottom: 'charts',
    // the shown digit's own output: one selected on an earlier step (output 2 for a 9) read 10⁻⁷s
    select: { layer: 3, index: 0 },
    controls: ['epoch'],
    controlsShow: '[data-testid="accuracy"]',
  },
  {
    title: 'Cost functions',
    text: [
      'The cost says how wrong the output is. The lecture’s worked example uses the squared error, C = Σⱼ (aⱼ − yⱼ)², with sigmoid outputs; its slide on cost functions names the two below.',
      'Binary cross-entropy, C = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)], treats each output as its own yes/no with a sigmoid: several targets yⱼ may be 1 at once.',
      'Categorical cross-entropy, C = −Σⱼ yⱼ ln aⱼ, uses a softmax (the outputs made positive and scaled to add up to 1) and a one-hot target (0, 0, 0, 1, 0, …): exactly one correct class, right for digits. (The slide says categorical can have several correct classes; but the outputs add up to 1, so several right answers would have to share it. Several independent yes/no answers are binary cross-entropy’s job.)',
    ],
    tryThis:
      'The network view’s ten output bars are the activations a that this cost compares with y, and the dark bar marks the true digit, where y = 1; under them, “cost C” is this example’s C (the controls say it too). Keep the lecture’s squared error for now; after the lesson, try “cost” in the settings bar.',
    bottom: 'charts',
    needsExample: true,
    // the shown digit's own output: one selected on an earlier step (output 2 for a 9) read 10⁻⁷s
    select: { layer: 3, index: 0 },
  },
  {
    title: 'Stochastic gradient descent',
    text: [
      'Gradient descent walks downhill on the cost: compute which way is up (the gradient), step the other way.',
      'SGD does the same with the gradient of a random batch instead of all the data. Its randomness is which examples go into each batch. Both start from the same weights; the next lesson step races them on the cost surface. (The slide says SGD has random starting points: both start from the same random weights; only SGD’s batches are random.)',
      'Like blind hill-walking downhill, it finds a low valley, a local minimum, not surely the lowest one. (The slide says it finds local and global minima; only a local one is sure.)',
    ],
    tryThis:
      'Press Play (here, or Space; the speed is set to 100 updates a second) and watch the cost chart below: noisy, batch by batch. After the first epoch it falls only slowly; the accuracy chart’s point per epoch shows the gains best. Press Pause to stop.',
    settings: { speed: 100 },
    play: true,
    bottom: 'charts',
    showBottom: true,
  },
  {
    title: 'GD vs SGD',
    text: [
      'Gradient descent (GD) uses every training example for each step: smooth and steady, but on all 50,000 training images one step costs as much work as a whole epoch of SGD. (The race below gives all three the same 1,000 images, so its GD steps are cheap.)',
      'SGD takes many cheap, noisy steps in the time GD takes one. On the cost surface you can see all three walkers (GD, mini-batch SGD and one-example SGD) start from the same point.',
    ],
    tryThis:
      'The cost surface below is set to “GD vs SGD” (press Compute if it still shows another slice): compare the three paths. They set out together from the white ring, the current weights; GD’s few steps stay close to it (tick “zoom to the start” and Compute to see them). Each card’s C is the cost where that walk ended. The race uses α = 0.5: at the lesson’s α₀ = 2, one-example SGD leaps out of the valley.',
    bottom: 'surface',
    showBottom: true,
    surfaceKind: 'optimisers',
    // the map and its results line: on a phone the surface's settings came first, and the map and
    // the race's results lay under the lesson's bar
    showChart: 'race-winner',
    // from the trained network of steps 5-7, α = 2 sends one-example SGD out of the valley
    // (cost 0.12 -> 1.2 on the race's 1,000 images); at 0.5 all three walk downhill, SGD noisily
    raceRate: 0.5,
  },
  {
    title: 'The learning rate',
    text: [
      'α is the size of each step. A low rate converges slowly but steadily. A high rate moves fast but may step off the valley: the cost jumps up or stays high, and the network may not converge at all.',
      'The usual recipe: start high and lower it each epoch. Here α starts at α₀ = 2 and is multiplied by 0.7 after every epoch (numbers the lecture leaves open).',
    ],
    tryThis:
      'The learning-rate chart below shows the schedule. Press “Set α to 20” and then Play: the cost jumps, and the network may be wrecked. The button also sets the schedule to constant: α stays 20, not 20 × 0.7ᵉ after e epochs. When you move on, the lesson puts back the network and the settings from before your experiment.',
    bottom: 'charts',
    showBottom: true,
    // (at 1024x576 the lesson's bar covered it, the chart the step is about: a teacher's review)
    showChart: 'lr-chart',
    experiment: true,
    play: true,
    // at full speed, not step 7's 100 updates a second: there ten seconds were a third of an epoch,
    // with no accuracy point to show the wreck, and the cost, flat at 1.0, looked like learning (a
    // student's review on a phone); the charts keep the whole story of the epochs run
    // held at 20: a network already trained some epochs took α₀ = 20 as 20 × 0.7ᵉ, and the
    // experiment showed nothing (0.395 after 11 epochs; a student's review)
    action: { label: 'Set α to 20', settings: { learningRate: 20, schedule: 'constant' } },
  },
  {
    title: 'The SGD update',
    text: [
      'θ₁ = θ₀ − α ∇C(θ₀): the new position θ₁ is the current one θ₀ minus α times the gradient of the cost (the slide writes ΔQθ and calls it the cost function; it is the gradient of the cost).',
      'θ is all 13,002 weights and biases at once; for SGD, ∇C is the gradient averaged over the current batch. When the gradient is zero, θ₁ = θ₀: the network has stopped learning from this data.',
    ],
    tryThis:
      'Step a batch and compare the update column with −α times the averaged gradient (α is written in the update column’s heading).',
    bottom: 'batch',
    showBottom: true,
    needsExample: true,
    // the example's own output neuron (the label's): its rows are the ones that move. A neuron
    // selected earlier (output 2 for a 5) showed rows of 10⁻¹¹ under a saturated sigmoid
    select: { layer: 3, index: 0 },
    controls: ['batch'],
  },
  {
    title: 'The chain rule',
    text: [
      'How does the cost change when one weight w⁽ᴸ⁾ of the last layer (here L = 3) changes? The weight changes z⁽ᴸ⁾ = w⁽ᴸ⁾a⁽ᴸ⁻¹⁾ + b⁽ᴸ⁾, which changes a⁽ᴸ⁾ = σ(z⁽ᴸ⁾), which changes C₀ = (a⁽ᴸ⁾ − y)², the cost of one training example (the lecture’s example 0). (With ten outputs C₀ = Σⱼ (aⱼ⁽ᴸ⁾ − yⱼ)²; a weight into output j only touches term j.)',
      'So ∂C₀/∂w⁽ᴸ⁾ = ∂z⁽ᴸ⁾/∂w⁽ᴸ⁾ · ∂a⁽ᴸ⁾/∂z⁽ᴸ⁾ · ∂C₀/∂a⁽ᴸ⁾: three local rates of change multiplied.',
    ],
    tryThis:
      'Click an edge into an output neuron (keyboard: choose the neuron it comes from in the chain-rule panel’s “from” menu): the panel shows each factor with live numbers.',
    inspector: 'chain-rule',
    select: { layer: 3, index: 0 },
    needsExample: true,
  },
  {
    title: 'The values of the derivatives',
    text: [
      '∂C₀/∂a⁽ᴸ⁾ = 2(a⁽ᴸ⁾ − y): far from the target, a big push. ∂a⁽ᴸ⁾/∂z⁽ᴸ⁾ = σ′(z⁽ᴸ⁾): small when the neuron is saturated near 0 or 1. ∂z⁽ᴸ⁾/∂w⁽ᴸ⁾ = a⁽ᴸ⁻¹⁾: a weight from a dark neuron gets almost no gradient from this example.',
      'For a hidden neuron k: ∂C₀/∂aₖ⁽ᴸ⁻¹⁾ = Σⱼ wⱼₖ⁽ᴸ⁾ δⱼ⁽ᴸ⁾, where δⱼ = ∂C₀/∂zⱼ: a sum over the neurons j it feeds, one term per path.',
    ],
    tryThis: 'Compare the factors for edges from a bright and from a dark neuron (keyboard: the “from” menu).',
    inspector: 'chain-rule',
    needsExample: true,
  },
  {
    title: 'The final equation',
    text: [
      '∂C₀/∂w⁽ᴸ⁾ = a⁽ᴸ⁻¹⁾ σ′(z⁽ᴸ⁾) 2(a⁽ᴸ⁾ − y) for one example.',
      'The derivative of the full cost is the average over the examples: ∂C/∂w⁽ᴸ⁾ = (1/n) Σₓ ∂Cₓ/∂w⁽ᴸ⁾, where x runs over the n examples (the slide writes k; here k and i name neurons). The table’s “average” column is this average over the 16 examples of one batch: SGD’s estimate of ∂C/∂w⁽ᴸ⁾.',
    ],
    tryThis:
      'Step examples and compare the Chain rule tab’s product with the table’s outlined row, in this example’s column: the same weight, on the same example. It stays that weight as you step.',
    inspector: 'chain-rule',
    bottom: 'batch',
    showBottom: true,
    needsExample: true,
    // the shown digit's own output and its weight the chain rule picks: one kept from step 11 into
    // another digit's output outlined a row of 10⁻⁶ and 10⁻¹⁷ (a teacher's review)
    select: { layer: 3, index: 0 },
    controls: ['example'],
  },
  {
    title: 'The cost surface in 3D',
    text: [
      'The cost depends on all 13,002 numbers; we cannot draw that. But we can draw a slice: the cost over two directions through the real network’s weights.',
      'The path is the way training actually went, each point at its real cost: the early points lie far off the slice, so there the path floats above or below the surface. The surface is real: computed from the network and real images.',
    ],
    tryThis:
      'The slice is the plane of the training path so far (press Compute if another is shown; with nothing trained yet, press Play here for a few seconds, then Compute: a path needs a few updates). Drag the surface to turn it (keyboard: Tab to it, then the arrow keys), then press Play (100 updates a second). After an epoch the steps mostly leave this slice: the ring moves little while “distance off the slice”, in the list beside the surface, grows; “follow training” draws a new slice as the path grows. Then compare with the 2D map.',
    bottom: 'surface',
    showBottom: true,
    surfaceMode: '3d',
    surfaceKind: 'trajectory',
    play: true,
    // at full speed the point leapt thousands of updates while the surface followed
    settings: { speed: 100 },
  },
  {
    title: 'How bias and activations work',
    text: [
      'The bias shifts where a neuron switches on: with a large negative b it needs strong input before it lights up. The activation function f decides how: σ squashes to 0…1, tanh to −1…1, ReLU keeps positives and cuts negatives to 0.',
      'Their slopes f′(z) are the σ′(z) of the chain rule: where f is flat, the gradient fades and the neuron learns slowly.',
    ],
    tryThis:
      'Click different neurons (keyboard: the arrow keys and Enter in the network) and see where each z sits on its curve and how steep f′(z) is there; drag “what if the bias changed by Δb” (keyboard: its arrow keys) to slide z along the curve as a larger or smaller b would. Then press “Free play” to finish the lesson. To try ReLU there, pick “the defaults” under Presets (ReLU with cross-entropy and α₀ = 0.02): with the lesson’s α₀ = 2, ReLU neurons die and training stalls.',
    inspector: 'activation',
    selectResponsive: true,
  },
];
