""" Contains all the data models used in inputs/outputs """

from .decision import Decision
from .decision_approval import DecisionApproval
from .decision_approval_outcome import DecisionApprovalOutcome
from .decision_outcome import DecisionOutcome
from .decision_rules_item import DecisionRulesItem
from .health_response_200 import HealthResponse200
from .health_response_200_dependencies_item import HealthResponse200DependenciesItem
from .health_response_200_dependencies_item_status import HealthResponse200DependenciesItemStatus
from .health_response_200_status import HealthResponse200Status
from .health_response_503 import HealthResponse503
from .health_response_503_dependencies_item import HealthResponse503DependenciesItem
from .health_response_503_dependencies_item_status import HealthResponse503DependenciesItemStatus
from .health_response_503_status import HealthResponse503Status
from .hooks_airflow_body import HooksAirflowBody
from .hooks_airflow_body_state import HooksAirflowBodyState
from .hooks_azure_devops_body import HooksAzureDevopsBody
from .hooks_azure_devops_deliveries_response_200 import HooksAzureDevopsDeliveriesResponse200
from .hooks_azure_devops_deliveries_response_200_items_item import HooksAzureDevopsDeliveriesResponse200ItemsItem
from .hooks_azure_devops_deliveries_response_200_items_item_decision import HooksAzureDevopsDeliveriesResponse200ItemsItemDecision
from .hooks_azure_devops_deliveries_response_200_items_item_outcomes_item import HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem
from .hooks_azure_devops_deliveries_response_200_items_item_outcomes_item_decision import HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItemDecision
from .hooks_azure_devops_deliveries_response_200_items_item_source import HooksAzureDevopsDeliveriesResponse200ItemsItemSource
from .hooks_azure_devops_response_200 import HooksAzureDevopsResponse200
from .hooks_azure_devops_response_202 import HooksAzureDevopsResponse202
from .hooks_azure_devops_response_202_decision import HooksAzureDevopsResponse202Decision
from .hooks_azure_monitor_body import HooksAzureMonitorBody
from .hooks_azure_monitor_body_data import HooksAzureMonitorBodyData
from .hooks_azure_monitor_body_data_custom_properties_type_0 import HooksAzureMonitorBodyDataCustomPropertiesType0
from .hooks_azure_monitor_body_data_essentials import HooksAzureMonitorBodyDataEssentials
from .hooks_azure_monitor_body_data_essentials_monitor_condition import HooksAzureMonitorBodyDataEssentialsMonitorCondition
from .hooks_azure_monitor_body_data_essentials_severity import HooksAzureMonitorBodyDataEssentialsSeverity
from .hooks_azure_monitor_body_schema_id import HooksAzureMonitorBodySchemaId
from .hooks_azure_monitor_response_202 import HooksAzureMonitorResponse202
from .hooks_azure_monitor_response_202_decision import HooksAzureMonitorResponse202Decision
from .lineage import Lineage
from .lineage_airflow import LineageAirflow
from .lineage_data import LineageData
from .lineage_data_paths_item import LineageDataPathsItem
from .lineage_data_paths_item_hash_algorithm import LineageDataPathsItemHashAlgorithm
from .lineage_find_key import LineageFindKey
from .lineage_find_response_200 import LineageFindResponse200
from .lineage_image import LineageImage
from .lineage_mlflow import LineageMlflow
from .lineage_mlflow_metrics import LineageMlflowMetrics
from .lineage_mlflow_params import LineageMlflowParams
from .lineage_model import LineageModel
from .openapi_response_200 import OpenapiResponse200
from .pipeline import Pipeline
from .pipeline_overview import PipelineOverview
from .pipeline_overview_champion import PipelineOverviewChampion
from .pipeline_overview_champion_how import PipelineOverviewChampionHow
from .pipeline_overview_champion_primary_metric import PipelineOverviewChampionPrimaryMetric
from .pipeline_overview_last_run import PipelineOverviewLastRun
from .pipeline_overview_last_run_kind import PipelineOverviewLastRunKind
from .pipeline_overview_last_run_status import PipelineOverviewLastRunStatus
from .pipeline_overview_pipeline import PipelineOverviewPipeline
from .pipeline_overview_pipeline_schedule import PipelineOverviewPipelineSchedule
from .pipeline_overview_pipeline_schedule_time_zone import PipelineOverviewPipelineScheduleTimeZone
from .pipeline_spec import PipelineSpec
from .pipeline_spec_airflow import PipelineSpecAirflow
from .pipeline_spec_airflow_conf import PipelineSpecAirflowConf
from .pipeline_spec_concurrency import PipelineSpecConcurrency
from .pipeline_spec_data import PipelineSpecData
from .pipeline_spec_image import PipelineSpecImage
from .pipeline_spec_mlflow import PipelineSpecMlflow
from .pipeline_spec_policy import PipelineSpecPolicy
from .pipeline_spec_policy_primary_metric import PipelineSpecPolicyPrimaryMetric
from .pipeline_spec_policy_primary_metric_direction import PipelineSpecPolicyPrimaryMetricDirection
from .pipeline_spec_reproducibility import PipelineSpecReproducibility
from .pipeline_spec_reproducibility_metrics import PipelineSpecReproducibilityMetrics
from .pipeline_spec_reproducibility_metrics_additional_property import PipelineSpecReproducibilityMetricsAdditionalProperty
from .pipeline_spec_retrain_on import PipelineSpecRetrainOn
from .pipeline_spec_retrain_on_data_change_type_1 import PipelineSpecRetrainOnDataChangeType1
from .pipeline_spec_retrain_on_signals import PipelineSpecRetrainOnSignals
from .pipeline_spec_retrain_on_signals_min_severity import PipelineSpecRetrainOnSignalsMinSeverity
from .pipeline_spec_schedule import PipelineSpecSchedule
from .pipeline_spec_schedule_time_zone import PipelineSpecScheduleTimeZone
from .pipeline_spec_source_type_0 import PipelineSpecSourceType0
from .pipeline_spec_source_type_0_kind import PipelineSpecSourceType0Kind
from .pipeline_spec_source_type_1 import PipelineSpecSourceType1
from .pipeline_spec_source_type_1_kind import PipelineSpecSourceType1Kind
from .pipeline_spec_staleness_type_0 import PipelineSpecStalenessType0
from .pipeline_spec_staleness_type_1 import PipelineSpecStalenessType1
from .pipeline_spec_training import PipelineSpecTraining
from .pipelines_lifecycle_response_200 import PipelinesLifecycleResponse200
from .pipelines_lifecycle_response_200_champion import PipelinesLifecycleResponse200Champion
from .pipelines_lifecycle_response_200_champion_how import PipelinesLifecycleResponse200ChampionHow
from .pipelines_lifecycle_response_200_former_champions_item import PipelinesLifecycleResponse200FormerChampionsItem
from .pipelines_lifecycle_response_200_former_champions_item_how import PipelinesLifecycleResponse200FormerChampionsItemHow
from .pipelines_lifecycle_response_200_items_item import PipelinesLifecycleResponse200ItemsItem
from .pipelines_lifecycle_response_200_items_item_kind import PipelinesLifecycleResponse200ItemsItemKind
from .pipelines_list_response_200 import PipelinesListResponse200
from .pipelines_overview_response_200 import PipelinesOverviewResponse200
from .pipelines_rollback_body import PipelinesRollbackBody
from .pipelines_rollback_response_200 import PipelinesRollbackResponse200
from .pipelines_rollback_response_200_kind import PipelinesRollbackResponse200Kind
from .problem import Problem
from .problem_code import ProblemCode
from .problem_errors_item import ProblemErrorsItem
from .run import Run
from .run_detail import RunDetail
from .run_external_links import RunExternalLinks
from .run_kind import RunKind
from .run_outbox_item import RunOutboxItem
from .run_outbox_item_data import RunOutboxItemData
from .run_outbox_item_data_error import RunOutboxItemDataError
from .run_outbox_item_type import RunOutboxItemType
from .run_params import RunParams
from .run_pipeline_snapshot import RunPipelineSnapshot
from .run_pipeline_snapshot_airflow import RunPipelineSnapshotAirflow
from .run_pipeline_snapshot_airflow_conf import RunPipelineSnapshotAirflowConf
from .run_pipeline_snapshot_concurrency import RunPipelineSnapshotConcurrency
from .run_pipeline_snapshot_data import RunPipelineSnapshotData
from .run_pipeline_snapshot_image import RunPipelineSnapshotImage
from .run_pipeline_snapshot_mlflow import RunPipelineSnapshotMlflow
from .run_pipeline_snapshot_policy import RunPipelineSnapshotPolicy
from .run_pipeline_snapshot_policy_primary_metric import RunPipelineSnapshotPolicyPrimaryMetric
from .run_pipeline_snapshot_policy_primary_metric_direction import RunPipelineSnapshotPolicyPrimaryMetricDirection
from .run_pipeline_snapshot_reproducibility import RunPipelineSnapshotReproducibility
from .run_pipeline_snapshot_reproducibility_metrics import RunPipelineSnapshotReproducibilityMetrics
from .run_pipeline_snapshot_reproducibility_metrics_additional_property import RunPipelineSnapshotReproducibilityMetricsAdditionalProperty
from .run_pipeline_snapshot_retrain_on import RunPipelineSnapshotRetrainOn
from .run_pipeline_snapshot_retrain_on_data_change_type_1 import RunPipelineSnapshotRetrainOnDataChangeType1
from .run_pipeline_snapshot_retrain_on_signals import RunPipelineSnapshotRetrainOnSignals
from .run_pipeline_snapshot_retrain_on_signals_min_severity import RunPipelineSnapshotRetrainOnSignalsMinSeverity
from .run_pipeline_snapshot_schedule import RunPipelineSnapshotSchedule
from .run_pipeline_snapshot_schedule_time_zone import RunPipelineSnapshotScheduleTimeZone
from .run_pipeline_snapshot_source_type_0 import RunPipelineSnapshotSourceType0
from .run_pipeline_snapshot_source_type_0_kind import RunPipelineSnapshotSourceType0Kind
from .run_pipeline_snapshot_source_type_1 import RunPipelineSnapshotSourceType1
from .run_pipeline_snapshot_source_type_1_kind import RunPipelineSnapshotSourceType1Kind
from .run_pipeline_snapshot_staleness_type_0 import RunPipelineSnapshotStalenessType0
from .run_pipeline_snapshot_staleness_type_1 import RunPipelineSnapshotStalenessType1
from .run_pipeline_snapshot_training import RunPipelineSnapshotTraining
from .run_reproduction import RunReproduction
from .run_reproduction_metrics_item import RunReproductionMetricsItem
from .run_status import RunStatus
from .run_steps_item import RunStepsItem
from .run_steps_item_error import RunStepsItemError
from .run_steps_item_name import RunStepsItemName
from .run_steps_item_outputs import RunStepsItemOutputs
from .run_steps_item_status import RunStepsItemStatus
from .run_trigger import RunTrigger
from .run_trigger_kind import RunTriggerKind
from .runs_approve_body import RunsApproveBody
from .runs_cancel_body import RunsCancelBody
from .runs_list_response_200 import RunsListResponse200
from .runs_list_status import RunsListStatus
from .runs_reject_body import RunsRejectBody
from .runs_reproduce_body import RunsReproduceBody
from .runs_reproduce_response_200 import RunsReproduceResponse200
from .runs_reproduce_response_200_status import RunsReproduceResponse200Status
from .runs_reproduce_response_202 import RunsReproduceResponse202
from .runs_reproduce_response_202_status import RunsReproduceResponse202Status
from .runs_retry_body import RunsRetryBody
from .runs_retry_response_200 import RunsRetryResponse200
from .runs_retry_response_200_status import RunsRetryResponse200Status
from .runs_retry_response_202 import RunsRetryResponse202
from .runs_retry_response_202_status import RunsRetryResponse202Status
from .runs_start_body import RunsStartBody
from .runs_start_body_params import RunsStartBodyParams
from .runs_start_response_200 import RunsStartResponse200
from .runs_start_response_200_status import RunsStartResponse200Status
from .runs_start_response_202 import RunsStartResponse202
from .runs_start_response_202_status import RunsStartResponse202Status
from .signals_post_body import SignalsPostBody
from .signals_post_body_metrics import SignalsPostBodyMetrics
from .signals_post_body_severity import SignalsPostBodySeverity
from .signals_post_response_202 import SignalsPostResponse202
from .signals_post_response_202_decision import SignalsPostResponse202Decision
from .trigger_record import TriggerRecord
from .trigger_record_decision import TriggerRecordDecision
from .trigger_record_source import TriggerRecordSource
from .triggers_list_response_200 import TriggersListResponse200

__all__ = (
    "Decision",
    "DecisionApproval",
    "DecisionApprovalOutcome",
    "DecisionOutcome",
    "DecisionRulesItem",
    "HealthResponse200",
    "HealthResponse200DependenciesItem",
    "HealthResponse200DependenciesItemStatus",
    "HealthResponse200Status",
    "HealthResponse503",
    "HealthResponse503DependenciesItem",
    "HealthResponse503DependenciesItemStatus",
    "HealthResponse503Status",
    "HooksAirflowBody",
    "HooksAirflowBodyState",
    "HooksAzureDevopsBody",
    "HooksAzureDevopsDeliveriesResponse200",
    "HooksAzureDevopsDeliveriesResponse200ItemsItem",
    "HooksAzureDevopsDeliveriesResponse200ItemsItemDecision",
    "HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItem",
    "HooksAzureDevopsDeliveriesResponse200ItemsItemOutcomesItemDecision",
    "HooksAzureDevopsDeliveriesResponse200ItemsItemSource",
    "HooksAzureDevopsResponse200",
    "HooksAzureDevopsResponse202",
    "HooksAzureDevopsResponse202Decision",
    "HooksAzureMonitorBody",
    "HooksAzureMonitorBodyData",
    "HooksAzureMonitorBodyDataCustomPropertiesType0",
    "HooksAzureMonitorBodyDataEssentials",
    "HooksAzureMonitorBodyDataEssentialsMonitorCondition",
    "HooksAzureMonitorBodyDataEssentialsSeverity",
    "HooksAzureMonitorBodySchemaId",
    "HooksAzureMonitorResponse202",
    "HooksAzureMonitorResponse202Decision",
    "Lineage",
    "LineageAirflow",
    "LineageData",
    "LineageDataPathsItem",
    "LineageDataPathsItemHashAlgorithm",
    "LineageFindKey",
    "LineageFindResponse200",
    "LineageImage",
    "LineageMlflow",
    "LineageMlflowMetrics",
    "LineageMlflowParams",
    "LineageModel",
    "OpenapiResponse200",
    "Pipeline",
    "PipelineOverview",
    "PipelineOverviewChampion",
    "PipelineOverviewChampionHow",
    "PipelineOverviewChampionPrimaryMetric",
    "PipelineOverviewLastRun",
    "PipelineOverviewLastRunKind",
    "PipelineOverviewLastRunStatus",
    "PipelineOverviewPipeline",
    "PipelineOverviewPipelineSchedule",
    "PipelineOverviewPipelineScheduleTimeZone",
    "PipelinesLifecycleResponse200",
    "PipelinesLifecycleResponse200Champion",
    "PipelinesLifecycleResponse200ChampionHow",
    "PipelinesLifecycleResponse200FormerChampionsItem",
    "PipelinesLifecycleResponse200FormerChampionsItemHow",
    "PipelinesLifecycleResponse200ItemsItem",
    "PipelinesLifecycleResponse200ItemsItemKind",
    "PipelinesListResponse200",
    "PipelinesOverviewResponse200",
    "PipelineSpec",
    "PipelineSpecAirflow",
    "PipelineSpecAirflowConf",
    "PipelineSpecConcurrency",
    "PipelineSpecData",
    "PipelineSpecImage",
    "PipelineSpecMlflow",
    "PipelineSpecPolicy",
    "PipelineSpecPolicyPrimaryMetric",
    "PipelineSpecPolicyPrimaryMetricDirection",
    "PipelineSpecReproducibility",
    "PipelineSpecReproducibilityMetrics",
    "PipelineSpecReproducibilityMetricsAdditionalProperty",
    "PipelineSpecRetrainOn",
    "PipelineSpecRetrainOnDataChangeType1",
    "PipelineSpecRetrainOnSignals",
    "PipelineSpecRetrainOnSignalsMinSeverity",
    "PipelineSpecSchedule",
    "PipelineSpecScheduleTimeZone",
    "PipelineSpecSourceType0",
    "PipelineSpecSourceType0Kind",
    "PipelineSpecSourceType1",
    "PipelineSpecSourceType1Kind",
    "PipelineSpecStalenessType0",
    "PipelineSpecStalenessType1",
    "PipelineSpecTraining",
    "PipelinesRollbackBody",
    "PipelinesRollbackResponse200",
    "PipelinesRollbackResponse200Kind",
    "Problem",
    "ProblemCode",
    "ProblemErrorsItem",
    "Run",
    "RunDetail",
    "RunExternalLinks",
    "RunKind",
    "RunOutboxItem",
    "RunOutboxItemData",
    "RunOutboxItemDataError",
    "RunOutboxItemType",
    "RunParams",
    "RunPipelineSnapshot",
    "RunPipelineSnapshotAirflow",
    "RunPipelineSnapshotAirflowConf",
    "RunPipelineSnapshotConcurrency",
    "RunPipelineSnapshotData",
    "RunPipelineSnapshotImage",
    "RunPipelineSnapshotMlflow",
    "RunPipelineSnapshotPolicy",
    "RunPipelineSnapshotPolicyPrimaryMetric",
    "RunPipelineSnapshotPolicyPrimaryMetricDirection",
    "RunPipelineSnapshotReproducibility",
    "RunPipelineSnapshotReproducibilityMetrics",
    "RunPipelineSnapshotReproducibilityMetricsAdditionalProperty",
    "RunPipelineSnapshotRetrainOn",
    "RunPipelineSnapshotRetrainOnDataChangeType1",
    "RunPipelineSnapshotRetrainOnSignals",
    "RunPipelineSnapshotRetrainOnSignalsMinSeverity",
    "RunPipelineSnapshotSchedule",
    "RunPipelineSnapshotScheduleTimeZone",
    "RunPipelineSnapshotSourceType0",
    "RunPipelineSnapshotSourceType0Kind",
    "RunPipelineSnapshotSourceType1",
    "RunPipelineSnapshotSourceType1Kind",
    "RunPipelineSnapshotStalenessType0",
    "RunPipelineSnapshotStalenessType1",
    "RunPipelineSnapshotTraining",
    "RunReproduction",
    "RunReproductionMetricsItem",
    "RunsApproveBody",
    "RunsCancelBody",
    "RunsListResponse200",
    "RunsListStatus",
    "RunsRejectBody",
    "RunsReproduceBody",
    "RunsReproduceResponse200",
    "RunsReproduceResponse200Status",
    "RunsReproduceResponse202",
    "RunsReproduceResponse202Status",
    "RunsRetryBody",
    "RunsRetryResponse200",
    "RunsRetryResponse200Status",
    "RunsRetryResponse202",
    "RunsRetryResponse202Status",
    "RunsStartBody",
    "RunsStartBodyParams",
    "RunsStartResponse200",
    "RunsStartResponse200Status",
    "RunsStartResponse202",
    "RunsStartResponse202Status",
    "RunStatus",
    "RunStepsItem",
    "RunStepsItemError",
    "RunStepsItemName",
    "RunStepsItemOutputs",
    "RunStepsItemStatus",
    "RunTrigger",
    "RunTriggerKind",
    "SignalsPostBody",
    "SignalsPostBodyMetrics",
    "SignalsPostBodySeverity",
    "SignalsPostResponse202",
    "SignalsPostResponse202Decision",
    "TriggerRecord",
    "TriggerRecordDecision",
    "TriggerRecordSource",
    "TriggersListResponse200",
)
