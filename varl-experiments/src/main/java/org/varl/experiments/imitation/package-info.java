/**
 * Multimodal imitation on the obstacle task (issue 12): train a policy of a chosen kind on the
 * expert's demonstrations ({@link org.varl.experiments.imitation.ImitationTraining}), keep it as a
 * model directory ({@link org.varl.experiments.imitation.ImitationModel}), score its rollouts
 * ({@link org.varl.experiments.imitation.ImitationEvaluation}) and compare every policy and
 * test-time z choice on the same demos and seeds ({@link
 * org.varl.experiments.imitation.CompareExperiment}).
 */
package org.varl.experiments.imitation;
