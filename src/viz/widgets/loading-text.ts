/** What a lab's slot says while its code loads, and if loading fails (LazyLab, the /embed route). */
export const LOADING = {
	en: 'Loading the simulated cluster…',
	zh: '正在加载模拟集群……'
} as const;

export const LOAD_FAILURE = {
	en: 'The simulated cluster could not be loaded. Reload the page to try again.',
	zh: '模拟集群加载失败，请刷新页面重试。'
} as const;

/** A lesson lab's first paint: the button that loads the live lab, and what it says meanwhile. */
export const START = {
	en: 'Start the lab',
	zh: '启动实验'
} as const;

export const STARTING = {
	en: 'Starting the lab…',
	zh: '正在启动实验……'
} as const;
